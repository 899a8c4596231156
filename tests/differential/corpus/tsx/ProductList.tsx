import React, { useState, useEffect } from 'react';

interface Product {
  id: string;
  name: string;
  price: number;
  image: string;
}

interface Props {
  products: Product[];
  onSelect: (id: string) => void;
}

export function ProductList({ products, onSelect }: Props) {
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<string | null>(null);

  useEffect(() => {
    console.log('products changed', products.length);
  }, [products]);

  const visible = products.filter((p) => p.name.includes(filter));

  return (
    <div className="product-list">
      <input value={filter} onChange={(e) => setFilter(e.target.value)} />
      <ul>
        {visible.map((p) => (
          <li key={p.id} onClick={() => { setSelected(p.id); onSelect(p.id); }}>
            <img src={p.image} />
            <span>{p.name}</span>
            <span className="price">{p.price}</span>
          </li>
        ))}
      </ul>
      {selected && <p>Selected: {selected}</p>}
    </div>
  );
}
