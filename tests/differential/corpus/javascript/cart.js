'use strict';

const TAX_RATE = 0.2;
// ast-grep-ignore: js-var
var discounts = {};

function lineTotal(item) {
  return item.price * item.quantity;
}

function cartTotal(items, coupon) {
  let total = 0;
  for (const item of items) {
    total += lineTotal(item);
  }
  if (coupon == null) {
    console.log('no coupon for cart');
  } else if (coupon.kind == 'percent') {
    total = total * (1 - coupon.value / 100);
  }
  console.debug('cart total', total);
  return total * (1 + TAX_RATE);
}

async function loadPrices(skus, fetchPrice) {
  const prices = {};
  for (const sku of skus) {
    prices[sku] = await fetchPrice(sku);
  }
  return prices;
}

async function loadAll(skus, fetchPrice) {
  const results = await Promise.all(skus.map(async (sku) => {
    return await fetchPrice(sku);
  }));
  console.info('loaded', results.length);
  return results;
}

function applyDiscount(cart, code) {
  var rate = discounts[code]; // ast-grep-ignore
  if (rate === undefined) {
    console.warn('unknown discount', code);
    return cart;
  }
  if (cart.total == cart.total) {
    cart.total = cart.total - cart.total * rate;
  }
  return cart;
}

const config = { currency: 'EUR', precision: 2, rounding: 'half-even' };

module.exports = { cartTotal, loadPrices, loadAll, applyDiscount, config };
