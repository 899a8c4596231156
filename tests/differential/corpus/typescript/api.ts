import { Order, OrderLine, Customer } from './models';

export interface ApiOptions {
  baseUrl: string;
  timeoutMs: number;
  retries?: number;
  token: string;
}

export class OrderApi {
  private cache: Map<string, Order> = new Map();

  constructor(private readonly options: ApiOptions) {}

  async fetchOrder(id: string): Promise<Order> {
    const cached = this.cache.get(id);
    if (cached !== undefined) {
      return cached;
    }
    const response = await fetch(`${this.options.baseUrl}/orders/${id}`);
    const body: any = await response.json();
    const order = body as Order;
    this.cache.set(id, order);
    return order;
  }

  lineTotal(line: OrderLine): number {
    return line.price * line.quantity;
  }

  total(order: Order): number {
    let sum = 0;
    for (const line of order.lines) {
      sum += this.lineTotal(line);
    }
    return sum;
  }

  customerName(order: Order): string {
    const customer = order.customer!;
    return customer.name;
  }

  parse(raw: unknown): Order {
    const data = raw as any;
    console.log('parsing order', data.id);
    return { id: data.id, lines: data.lines, customer: data.customer };
  }
}

export function isLarge(order: Order, threshold: number = 1000): boolean {
  return order.lines.length > threshold;
}
