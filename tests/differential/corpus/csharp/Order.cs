using System.Collections.Generic;

namespace Shop.Orders
{
    public interface IOrderRepository
    {
        Order Load(int id);
        void Delete(int id);
    }

    public class OrderLine
    {
        public string Sku { get; set; }
        public decimal Price { get; set; }
        public int Quantity { get; set; }
    }

    public class Order
    {
        public int Id { get; set; }
        public List<OrderLine> Lines { get; } = new List<OrderLine>();

        public void Add(OrderLine line, int times)
        {
            for (var i = 0; i < times; i++)
            {
                Lines.Add(line);
            }
        }

        public override string ToString()
        {
            var text = "Order " + Id;
            return text;
        }

        private bool Validate()
        {
            try
            {
                return Lines.Count > 0;
            }
            catch (System.InvalidOperationException error)
            {
                System.Console.WriteLine(error.Message);
                return false;
            }
        }
    }
}
