defmodule Shop.Cart do
  @moduledoc """
  A shopping cart kept as a map of SKU to quantity.
  """

  alias Shop.Catalog

  defstruct items: %{}, owner: nil

  def new(owner), do: %__MODULE__{owner: owner}

  def add(cart, sku, quantity \\ 1) do
    IO.inspect(sku, label: "adding")
    items = Map.update(cart.items, sku, quantity, &(&1 + quantity))
    %{cart | items: items}
  end

  def remove(cart, sku) do
    # TODO: emit an event when the last item goes
    %{cart | items: Map.delete(cart.items, sku)}
  end

  def total(cart) do
    cart.items
    |> Enum.map(fn {sku, quantity} -> Catalog.price(sku) * quantity end)
    |> Enum.sum()
  end

  def merge(cart, other) do
    if cart.owner == cart.owner do
      items = Map.merge(cart.items, other.items, fn _sku, a, b -> a + b end)
      %{cart | items: items}
    else
      cart
    end
  end

  def describe(cart) do
    Enum.each(cart.items, fn {sku, quantity} ->
      IO.inspect({sku, quantity})
    end)

    count = map_size(cart.items)
    count
  end

  defp validate(cart) do
    IO.puts("validating")
    Enum.all?(cart.items, fn {_sku, quantity} -> quantity > 0 end)
  end

  defp log(message, level \\ :info) do
    # Logged through the console for now.
    IO.puts("[#{level}] #{message}")
  end
end
