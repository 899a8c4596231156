module Main (main) where

import Inventory
import qualified Data.Map.Strict as Map

sample :: Inventory
sample = foldr addItem Map.empty items
  where
    items =
      [ Item "apple" 0.5 10
      , Item "pear" 0.75 4
      ]

summary :: Inventory -> String
summary inv = show (Map.size inv) ++ " items, value " ++ show (totalValue inv)

-- | Writes one line of the run's log.
logLine :: String -> IO ()
logLine message = putStrLn ("[inventory] " ++ message)

main :: IO ()
main = do
  let inv = sample
  print (totalValue inv)
  report inv
  case removeItem "pear" 10 inv of
    Left err -> putStrLn err
    Right updated -> print (Map.keys updated)
  logLine (summary inv)
  putStrLn "finished"
