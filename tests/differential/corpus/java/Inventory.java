package com.example.shop;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

public class Inventory {
    private final Map<String, Integer> stock = new HashMap<>();

    public boolean reserve(String sku, int count) {
        Integer available = stock.get(sku);
        if (available == null || available < count) {
            return false;
        }
        stock.put(sku, available - count);
        return true;
    }

    public void release(List<String> skus) {
        for (String sku : skus) {
            stock.merge(sku, 1, Integer::sum);
        }
        System.out.println("released " + skus.size());
    }

    public int total() {
        int sum = 0;
        for (int value : stock.values()) {
            sum += value;
        }
        return sum;
    }

    public void load(String path) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of(path));
            for (String line : lines) {
                String[] parts = line.split("=");
                stock.put(parts[0], Integer.parseInt(parts[1]));
            }
        } catch (java.io.IOException e) {
            System.err.println("cannot load " + path);
        } catch (NumberFormatException e) {
        }
    }

    @Override
    public boolean equals(Object other) {
        return other == this;
    }

    @Override
    public int hashCode() {
        return stock.hashCode();
    }
}
