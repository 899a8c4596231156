# Inventory of stock items, kept in memory.
class Inventory
  Item = Struct.new(:sku, :count)

  def initialize(items = {})
    @items = items
  end

  def find(sku)
    @items.fetch(sku) { raise KeyError, "unknown sku #{sku}" }
  end

  def lookup(sku)
    @items.fetch(sku, nil)
  end

  def quantity(sku)
    @items.fetch(sku, 0)
  end

  def label(sku)
    @items.fetch(sku, "missing")
  end

  def reserve(sku, amount)
    item = find(sku)
    raise ArgumentError, "not enough #{sku}" if item.count < amount

    item.count -= amount
    item
  end

  def release(sku, amount)
    item = find(sku)
    item.count += amount
    return item
  end

  def each_low(threshold)
    # TODO: make the threshold configurable per sku
    @items.each_value do |item|
      yield item if item.count < threshold
    end
  end

  def self.load(path)
    data = File.read(path)
    new(Marshal.load(data))
  end
end
