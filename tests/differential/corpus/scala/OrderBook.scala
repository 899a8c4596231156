package exchange

import scala.collection.mutable

final case class Order(id: Long, side: String, price: BigDecimal, quantity: Int)

class OrderBook(symbol: String, maxDepth: Int = 50) {
  private val bids = mutable.ListBuffer.empty[Order]
  private val asks = mutable.ListBuffer.empty[Order]

  def place(order: Order): Unit = {
    println(s"placing ${order.id} on $symbol")
    if (order.side == "buy") bids += order else asks += order
  }

  def cancel(id: Long): Boolean = {
    // TODO: cancel on both sides in one pass
    val before = bids.size
    bids.filterInPlace(_.id != id)
    val changed = bids.size != before
    changed
  }

  def spread: Option[BigDecimal] = {
    val bestBid = bids.map(_.price).maxOption
    val bestAsk = asks.map(_.price).minOption
    for (b <- bestBid; a <- bestAsk) yield a - b
  }

  def depth(side: String): Int = {
    val orders = if (side == side.trim) bids else asks
    orders.map(_.quantity).sum
  }

  def dump(): Unit = {
    for (order <- bids) {
      println(order)
    }
    asks.foreach(o => println(o))
  }

  private def _validate(order: Order): Boolean =
    order.quantity > 0 && order.price > 0

  private def trim(limit: Int, extra: Int): Unit = {
    while (bids.size > limit) {
      bids.remove(bids.size - 1)
    }
  }
}

object OrderBook {
  def empty(symbol: String): OrderBook = new OrderBook(symbol)

  def total(orders: Seq[Order]): BigDecimal =
    orders.map(o => o.price * o.quantity).sum
}
