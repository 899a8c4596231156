package shop.orders

import java.io.Closeable
import java.io.IOException
import java.nio.file.Files
import java.nio.file.NoSuchFileException
import java.nio.file.Path
import java.util.concurrent.ConcurrentHashMap
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.cancel
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.isActive
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import org.slf4j.LoggerFactory

data class OrderLine(val sku: String, val quantity: Int, val unitPriceCents: Long)

data class Order(val id: Long, val customerEmail: String?, val lines: List<OrderLine>) {
    val totalCents: Long
        get() = lines.sumOf { it.quantity * it.unitPriceCents }

    val isEmpty: Boolean
        get() = lines.isEmpty()
}

sealed interface LoadResult {
    data class Found(val order: Order) : LoadResult
    data class Missing(val id: Long) : LoadResult
}

class OrderNotFoundException(val id: Long, cause: Throwable? = null) :
    RuntimeException("Order $id does not exist", cause)

interface OrderApi {
    suspend fun fetch(id: Long): Order?
    suspend fun store(order: Order)
}

class OrderRepository(
    private val api: OrderApi,
    private val archive: Path,
) {
    private val logger = LoggerFactory.getLogger(OrderRepository::class.java)
    private val cache = ConcurrentHashMap<Long, Order>()

    suspend fun load(id: Long): LoadResult {
        cache[id]?.let { return LoadResult.Found(it) }

        val order = api.fetch(id) ?: return LoadResult.Missing(id)
        cache[id] = order
        return LoadResult.Found(order)
    }

    suspend fun loadAll(ids: List<Long>): List<Order> = coroutineScope {
        ids.map { id -> async { load(id) } }
            .awaitAll()
            .filterIsInstance<LoadResult.Found>()
            .map { it.order }
    }

    suspend fun save(order: Order) {
        require(!order.customerEmail.isNullOrBlank()) { "order ${order.id} has no customer email" }
        try {
            api.store(order)
        } catch (e: IOException) {
            logger.error("Storing order {} failed", order.id, e)
            throw OrderNotFoundException(order.id, e)
        } finally {
            cache.remove(order.id)
        }
    }

    suspend fun readArchived(id: Long): Order? = withContext(Dispatchers.IO) {
        val file = archive.resolve("$id.csv")
        try {
            Files.newBufferedReader(file).use { reader ->
                val email = reader.readLine()?.takeIf { it.isNotBlank() }
                val lines = reader.lineSequence()
                    .filter { it.isNotBlank() }
                    .map(::parseLine)
                    .toList()
                Order(id, email, lines)
            }
        } catch (e: NoSuchFileException) {
            logger.debug("No archived copy of order {} at {}", id, e.file)
            null
        }
    }

    private fun parseLine(text: String): OrderLine {
        val (sku, quantity, price) = text.split(',', limit = 3)
        return OrderLine(sku.trim(), quantity.trim().toInt(), price.trim().toLong())
    }
}

class ReceiptWorker(
    private val repository: OrderRepository,
    private val sender: ReceiptSender,
    private val pollInterval: Duration = 30.seconds,
) : Closeable {
    private val logger = LoggerFactory.getLogger(ReceiptWorker::class.java)
    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.IO)
    private var job: Job? = null

    fun start(pending: suspend () -> List<Long>) {
        if (job?.isActive == true) return
        job = scope.launch {
            while (isActive) {
                sendAll(pending())
                delay(pollInterval)
            }
        }
    }

    private suspend fun sendAll(ids: List<Long>) {
        if (ids.isEmpty()) return
        for (order in repository.loadAll(ids)) {
            try {
                sender.send(order)
            } catch (e: CancellationException) {
                throw e
            } catch (e: Exception) {
                logger.warn("Receipt for order {} failed; retrying on the next round", order.id, e)
            }
        }
    }

    fun describe(order: Order): String {
        val recipient = order.customerEmail ?: "unknown customer"
        val status = when {
            order.isEmpty -> "empty"
            order.lines.size == 1 -> "single item"
            else -> "${order.lines.size} items"
        }
        return "Order ${order.id} for $recipient: $status, ${order.totalCents / 100.0} EUR"
    }

    fun sameOrder(a: Order, b: Order): Boolean = a.id == b.id && a.lines == b.lines

    override fun close() {
        job = null
        scope.cancel()
    }
}

interface ReceiptSender {
    suspend fun send(order: Order)
}
