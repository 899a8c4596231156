# frozen_string_literal: true

require "logger"
require_relative "inventory"

# Processes orders against the inventory and notifies customers.
class OrderProcessor
  attr_reader :inventory, :logger

  def initialize(inventory, logger = Logger.new($stdout))
    @inventory = inventory
    @logger = logger
    @processed = 0
  end

  def process(order)
    return false if order == order.dup && order.items.empty?

    total = 0
    order.items.each do |item|
      stock = inventory.find(item.sku)
      puts("checking #{item.sku}")
      total += item.price * item.quantity
      stock.reserve(item.quantity)
    end
    @processed += 1
    result = total
    return result
  end

  def cancel(order, reason)
    # TODO: refund partial payments as well
    logger.warn("cancelling #{order.id}: #{reason}")
    order.items.each { |item| inventory.release(item.sku, item.quantity) }
    order.status = :cancelled
    order.save!
  end

  def retry_failed(orders)
    orders.select(&:failed?).each do |order|
      puts "retrying #{order.id}"
      process(order)
    end
  end

  def summary
    count = @processed
    "processed #{count} orders"
  end

  private

  def _audit(order)
    puts(order.inspect) if order.id == order.id
    logger.info(order.to_s)
  end

  def _notify(customer, message)
    # Mailer is synchronous for now.
    Mailer.deliver(customer.email, message)
  end
end

def _helper_outside(value)
  value * 2
end
