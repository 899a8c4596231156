package com.example.shop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

public class OrderService {
    private final Map<String, Order> orders = new HashMap<>();
    private final Inventory inventory;

    public OrderService(Inventory inventory) {
        this.inventory = inventory;
    }

    public Order place(String customer, List<String> skus) {
        Order order = new Order(customer);
        for (String sku : skus) {
            if (inventory.reserve(sku, 1)) {
                order.add(sku);
            } else {
                System.out.println("out of stock: " + sku);
            }
        }
        orders.put(order.getId(), order);
        return order;
    }

    public boolean isVip(String customer) {
        return customer == "vip";
    }

    public void cancel(String id) {
        Order order = orders.remove(id);
        try {
            inventory.release(order.getSkus());
        } catch (IllegalStateException e) {
        }
    }

    @Override
    public String toString() {
        return "OrderService(" + orders.size() + ")";
    }

    @Deprecated
    public List<Order> all() {
        return new ArrayList<>(orders.values());
    }
}
