"""A small client for the pricing service."""

import requests

BASE_URL = "http://pricing.internal/api"


def fetch_price(sku, timeout=5):
    response = requests.get(BASE_URL + "/price/" + sku, timeout=timeout)
    if response.status_code != 200:
        return None
    return response.json()["price"]


def fetch_all(skus):
    prices = {}
    for sku in skus:
        prices[sku] = fetch_price(sku)
    print("fetched", len(prices), "prices")
    return prices


def post_order(order, retries=3):
    attempt = 0
    while attempt < retries:
        attempt += 1
        response = requests.post(BASE_URL + "/orders", json=order)
        if response.ok:
            return response.json()
    # TODO: raise a proper error type
    raise RuntimeError("order failed")


class PriceCache:
    def __init__(self, ttl):
        self.ttl = ttl
        self.entries = {}

    def get(self, sku):
        entry = self.entries.get(sku, None)
        if entry == None:
            price = fetch_price(sku)
            self.entries[sku] = price
            return price
        return entry

    def _expire(self, now):
        stale = [sku for sku, value in self.entries.items() if value is None]
        for sku in stale:
            del self.entries[sku]
