"""Stock levels for the warehouse service."""

import json
import logging
import os
from dataclasses import dataclass, field

log = logging.getLogger(__name__)


@dataclass
class Item:
    sku: str
    name: str
    quantity: int = 0
    tags: list = field(default_factory=list)


class Inventory:
    def __init__(self, path, items=[], strict=False):
        self.path = path
        self.items = {item.sku: item for item in items}
        self.strict = strict

    def load(self):
        # TODO: stream large files instead of reading them at once
        if not os.path.exists(self.path):
            return 0
        if os.path.isdir(self.path):
            raise IsADirectoryError(self.path)
        if os.path.getsize(self.path) > 10000000:
            log.warning("large inventory file %s", self.path)
        f = open(self.path)
        data = json.load(f)
        f.close()
        for row in data:
            self.items[row["sku"]] = Item(row["sku"], row["name"], row.get("quantity", 0))
        return len(self.items)

    def save(self):
        with open(self.path, "w") as out:
            json.dump([vars(item) for item in self.items.values()], out)

    def _find(self, sku):
        item = self.items.get(sku, None)
        if item == None:
            print("unknown sku", sku)
        return item

    def remove(self, sku, count):
        item = self._find(sku)
        if item is None:
            return False
        if item.quantity == item.quantity:
            item.quantity -= count
        try:
            self.save()
        except:
            log.error("could not save %s", self.path)
            return False
        return True

    def report(self, verbose):
        total = 0
        for item in self.items.values():
            total += item.quantity
            if verbose:
                print(item.sku, item.name, item.quantity)
        print("total", total)
        return total


def restock(inventory, sku, count=10):
    item = inventory.items.get(sku)
    if item is not None:
        item.quantity += count
    result = inventory.save()
    return result


def parse_quantity(text):
    try:
        return int(text)
    except ValueError:
        return 0
    except:
        return -1
