-- Loads settings with defaults.
local defaults = {
  host = "localhost",
  port = 8080,
  debug = false,
}

local M = {}

local function merge(base, extra)
  local result = {}
  for k, v in pairs(base) do
    result[k] = v
  end
  for k, v in pairs(extra or {}) do
    result[k] = v
  end
  return result
end

function M.load(path)
  local ok, settings = pcall(dofile, path)
  if not ok then
    print("cannot load " .. path)
    settings = {}
  end
  -- TODO: validate the port range
  local merged = merge(defaults, settings)
  return merged
end

function M.get(settings, key)
  if settings[key] == nil then
    return defaults[key]
  end
  return settings[key]
end

return M
