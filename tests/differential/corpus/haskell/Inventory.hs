module Inventory
  ( Item (..)
  , Inventory
  , addItem
  , removeItem
  , totalValue
  , report
  ) where

import qualified Data.Map.Strict as Map
import Data.Maybe (fromMaybe)

-- | A stock item with its unit price.
data Item = Item
  { itemSku :: String
  , itemPrice :: Double
  , itemCount :: Int
  }
  deriving (Show, Eq)

type Inventory = Map.Map String Item

addItem :: Item -> Inventory -> Inventory
addItem item inv = Map.insertWith merge (itemSku item) item inv
  where
    merge new old = old {itemCount = itemCount old + itemCount new}

removeItem :: String -> Int -> Inventory -> Either String Inventory
removeItem sku n inv =
  case Map.lookup sku inv of
    Nothing -> Left ("unknown sku " ++ sku)
    Just item
      | itemCount item < n -> Left "not enough stock"
      | otherwise -> Right (Map.insert sku item {itemCount = itemCount item - n} inv)

-- TODO: use a strict fold here
totalValue :: Inventory -> Double
totalValue inv = sum (map value (Map.elems inv))
  where
    value item = itemPrice item * fromIntegral (itemCount item)

countOf :: String -> Inventory -> Int
countOf sku inv = fromMaybe 0 (itemCount <$> Map.lookup sku inv)

isEmpty :: Inventory -> Bool
isEmpty inv = (Map.size inv == Map.size inv) && Map.null inv

report :: Inventory -> IO ()
report inv = do
  print (Map.size inv)
  mapM_ print (Map.elems inv)
  putStrLn "done"

lowStock :: Int -> Inventory -> [Item]
lowStock threshold inv = filter low (Map.elems inv)
  where
    -- TODO: make the threshold per item
    low item = itemCount item < threshold
