package shop.cart

object Pricing {
    private const val DEFAULT_DISCOUNT = 5

    fun discount(code: String?): Int {
        val normalized = code!!.uppercase()
        return when (normalized) {
            "SPRING" -> 10
            "VIP" -> 20
            else -> DEFAULT_DISCOUNT
        }
    }

    fun describe(percent: Int): String {
        // TODO: localise
        val text = "$percent% off"
        return text
    }

    fun applyAll(prices: List<Int>, percent: Int): List<Int> {
        val result = prices.map { it - it * percent / 100 }
        println(result)
        return result
    }

    fun isFree(price: Int, percent: Int): Boolean {
        val discounted = price - price * percent / 100
        return discounted <= 0
    }

    private fun roundUp(value: Double): Int = kotlin.math.ceil(value).toInt()
}
