defmodule Shop.Catalog do
  @prices %{"apple" => 3, "pear" => 4}

  def price(sku) do
    Map.get(@prices, sku, 0)
  end

  def name(sku) do
    Map.get(@prices, sku, nil)
  end

  def lookup(sku, default) do
    Map.get(@prices, sku, default)
  end

  def cheapest do
    @prices
    |> Enum.min_by(fn {_sku, price} -> price end)
    |> elem(0)
  end

  def expensive?(sku) do
    price(sku) > 3
  end

  def all do
    # TODO: load from the database
    result = Map.keys(@prices)
    result
  end
end
