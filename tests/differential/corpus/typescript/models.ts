export interface Customer {
  id: string;
  name: string;
  email?: string;
  tier: 'basic' | 'gold';
}

export interface OrderLine {
  sku: string;
  price: number;
  quantity: number;
}

export interface Order {
  id: string;
  lines: OrderLine[];
  customer?: Customer;
}

export type OrderStatus = 'open' | 'paid' | 'shipped' | 'cancelled';

export enum Currency {
  Euro = 'EUR',
  Dollar = 'USD',
  Pound = 'GBP',
}

export function emptyOrder(id: string): Order {
  return { id, lines: [] };
}

export function merge(a: Order, b: Order): Order {
  const lines: any[] = [...a.lines, ...b.lines];
  return { id: a.id, lines, customer: a.customer ?? b.customer };
}

export function kindOf(o: { kind: string; name: string }): string {
  const kind = o.kind;
  const label = o.name;
  return kind + label;
}
