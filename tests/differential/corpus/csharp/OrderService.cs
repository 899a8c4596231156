using System;
using System.Collections.Generic;
using System.Linq;

namespace Shop.Orders
{
    public class OrderService
    {
        private readonly IOrderRepository _repository;
        private readonly Dictionary<int, Order> _cache = new Dictionary<int, Order>();

        public OrderService(IOrderRepository repository)
        {
            _repository = repository;
        }

        public Order Find(int id)
        {
            if (_cache.TryGetValue(id, out var cached))
            {
                return cached;
            }
            var order = _repository.Load(id);
            Console.WriteLine("loaded order " + id);
            _cache[id] = order;
            return order;
        }

        public decimal Total(int id, decimal taxRate = 0.2m)
        {
            // TODO: apply discounts before tax
            var order = Find(id);
            decimal sum = 0;
            foreach (var line in order.Lines)
            {
                Console.WriteLine(line.Sku);
                sum += line.Price * line.Quantity;
            }
            var total = sum * (1 + taxRate);
            return total;
        }

        public void Cancel(int id, string reason)
        {
            try
            {
                _repository.Delete(id);
            }
            catch (Exception)
            {
            }
            _cache.Remove(id);
        }

        public bool IsEmpty(Order order)
        {
            if (order == null)
            {
                return true;
            }
            return !order.Lines.Any();
        }

        private void Audit(string message)
        {
            // Written to the console until logging is configured.
            Console.WriteLine(message);
        }

        private static string Format(Order order) => $"#{order.Id}";
    }
}
