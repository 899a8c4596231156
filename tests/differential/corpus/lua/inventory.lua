-- Inventory module: keeps item counts per warehouse.
local json = require("json")

local Inventory = {}
Inventory.__index = Inventory

function Inventory.new(name, items)
  local self = setmetatable({}, Inventory)
  self.name = name
  self.items = items or {}
  return self
end

function Inventory:add(sku, count)
  -- TODO: reject negative counts
  local current = self.items[sku] or 0
  self.items[sku] = current + count
  print("added", sku, count)
end

function Inventory:remove(sku, count)
  local current = self.items[sku]
  if current == nil then
    error("unknown sku " .. sku)
  end
  if count == count and current < count then
    return false
  end
  self.items[sku] = current - count
  return true
end

function Inventory:report()
  for sku, count in pairs(self.items) do
    print(string.format("%s: %d", sku, count))
  end
  local total = self:total()
  return total
end

function Inventory:total()
  local sum = 0
  for _, count in pairs(self.items) do
    sum = sum + count
  end
  return sum
end

local function _encode(inventory)
  local payload = json.encode(inventory.items)
  print(payload)
  return payload
end

local function save(inventory, path)
  local file = assert(io.open(path, "w"))
  file:write(_encode(inventory))
  file:close()
end

Inventory.save = save
return Inventory
