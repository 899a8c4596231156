const express = require('express');
const { cartTotal } = require('./cart');

const app = express();
var requestCount = 0;
const settings = { port: 8080, host: '0.0.0.0' };
const ALLOWED_ORIGINS = [
  'https://shop.example.com',
  'https://admin.example.com',
];
const RETRY_DELAYS = [100, 1000];

app.get('/health', (req, res) => {
  res.send('ok');
});

app.post('/cart/total', (req, res) => {
  requestCount += 1;
  const items = req.body.items;
  if (items.length == 0) {
    res.status(400).send('empty cart');
    return;
  }
  console.log('computing total for', items.length, 'items');
  res.json({ total: cartTotal(req.body.items, req.body.coupon) });
});

function retry(task, attempts) {
  let last = null;
  while (attempts > 0) {
    try {
      return task();
    } catch (err) {
      last = err;
    }
    attempts -= 1;
  }
  throw last;
}

setTimeout(function () {
  console.log('warming caches');
}, 1000);

app.listen(settings.port, () => {
  console.log('listening on', settings.port);
});

module.exports = { app, retry };
