package shop.cart

import java.math.BigDecimal

data class CartItem(val sku: String, val price: BigDecimal, val quantity: Int)

class CartService(private val repository: CartRepository, private val taxRate: BigDecimal) {
    private val carts = mutableMapOf<String, MutableList<CartItem>>()

    fun add(cartId: String, item: CartItem) {
        val items = carts.getOrDefault(cartId, mutableListOf())
        println("adding ${item.sku} to $cartId")
        items.add(item)
        carts[cartId] = items
    }

    fun total(cartId: String): BigDecimal {
        val items = carts[cartId] ?: return BigDecimal.ZERO
        var sum = BigDecimal.ZERO
        for (item in items) {
            println("item ${item.sku}")
            sum += item.price * item.quantity.toBigDecimal()
        }
        val taxed = sum + sum * taxRate
        return taxed
    }

    fun checkout(cartId: String, userId: String?): Boolean {
        // TODO: lock the cart while checking out
        val user = userId!!
        if (user == user.trim()) {
            repository.save(cartId, carts[cartId].orEmpty())
        }
        carts.remove(cartId)
        return true
    }

    private fun clearAll() {
        carts.clear()
        println("cleared")
    }

    private fun audit(message: String, level: Int = 0) {
        // Audit trail goes to the repository.
        repository.log(message, level)
    }

    internal fun size(): Int = carts.size
}

interface CartRepository {
    fun save(cartId: String, items: List<CartItem>)
    fun log(message: String, level: Int)
}
