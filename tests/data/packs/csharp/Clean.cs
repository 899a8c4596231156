using System;
using System.Collections.Generic;
using System.Data;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Logging;

namespace Shop.Orders;

public sealed record OrderLine(string Sku, int Quantity, decimal UnitPrice);

public sealed record Order(int Id, string CustomerEmail, IReadOnlyList<OrderLine> Lines)
{
    public decimal Total
    {
        get
        {
            decimal total = 0;
            foreach (var line in Lines)
            {
                total += line.Quantity * line.UnitPrice;
            }
            return total;
        }
    }
}

public sealed class OrderNotFoundException : Exception
{
    public OrderNotFoundException(int id, Exception? inner = null)
        : base($"Order {id} does not exist", inner)
    {
        OrderId = id;
    }

    public int OrderId { get; }
}

/// <summary>Reads and writes orders, and keeps a small in-memory cache of recent ones.</summary>
public sealed class OrderRepository : IAsyncDisposable
{
    private const string SelectOrder =
        "SELECT id, customer_email, lines_json " +
        "FROM orders WHERE id = @id";

    private readonly string _connectionString;
    private readonly ILogger<OrderRepository> _logger;
    private readonly object _cacheGate = new();
    private readonly Dictionary<int, Order> _cache = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public OrderRepository(string connectionString, ILogger<OrderRepository> logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        _connectionString = connectionString;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public async Task<Order> GetAsync(int id, CancellationToken ct)
    {
        lock (_cacheGate)
        {
            if (_cache.TryGetValue(id, out var cached))
            {
                return cached;
            }
        }

        await using var connection = new SqlConnection(_connectionString);
        await connection.OpenAsync(ct);

        await using var command = new SqlCommand(SelectOrder, connection);
        command.Parameters.Add("@id", SqlDbType.Int).Value = id;

        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            throw new OrderNotFoundException(id);
        }

        var lines = JsonSerializer.Deserialize<List<OrderLine>>(reader.GetString(2)) ?? new List<OrderLine>();
        var order = new Order(reader.GetInt32(0), reader.GetString(1), lines);

        lock (_cacheGate)
        {
            _cache[id] = order;
        }
        return order;
    }

    public async Task SaveAsync(Order order, CancellationToken ct)
    {
        if (order is null)
        {
            throw new ArgumentNullException(nameof(order));
        }
        if (string.IsNullOrWhiteSpace(order.CustomerEmail))
        {
            throw new ArgumentException("An order needs a customer email.", nameof(order));
        }

        await _writeGate.WaitAsync(ct);
        try
        {
            await using var connection = new SqlConnection(_connectionString);
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE orders SET lines_json = @lines WHERE id = @id";
            command.Parameters.AddWithValue("@lines", JsonSerializer.Serialize(order.Lines));
            command.Parameters.AddWithValue("@id", order.Id);

            var updated = await command.ExecuteNonQueryAsync(ct);
            if (updated == 0)
            {
                throw new OrderNotFoundException(order.Id);
            }
        }
        catch (SqlException ex)
        {
            _logger.LogError(ex, "Saving order {OrderId} failed", order.Id);
            throw;
        }
        finally
        {
            _writeGate.Release();
        }

        lock (_cacheGate)
        {
            _cache.Remove(order.Id);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _writeGate.Dispose();
        await Task.CompletedTask;
    }
}

/// <summary>Sends receipts for new orders until it is stopped.</summary>
public sealed class ReceiptWorker
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(30);

    private readonly OrderRepository _orders;
    private readonly IReceiptSender _sender;
    private readonly ILogger<ReceiptWorker> _logger;

    public ReceiptWorker(OrderRepository orders, IReceiptSender sender, ILogger<ReceiptWorker> logger)
    {
        _orders = orders;
        _sender = sender;
        _logger = logger;
    }

    public event EventHandler<ReceiptSentEventArgs>? ReceiptSent;

    public async Task RunAsync(IAsyncEnumerable<int> newOrderIds, CancellationToken ct)
    {
        await foreach (var id in newOrderIds.WithCancellation(ct))
        {
            try
            {
                var order = await _orders.GetAsync(id, ct);
                await _sender.SendAsync(order, ct);
                ReceiptSent?.Invoke(this, new ReceiptSentEventArgs(order.Id));
            }
            catch (OrderNotFoundException ex)
            {
                _logger.LogWarning("Order {OrderId} vanished before its receipt was sent", ex.OrderId);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogError(ex, "Receipt for order {OrderId} failed; retrying later", id);
                await Task.Delay(PollInterval, ct);
            }
        }
    }

    public static string ExportPath(string directory, Order order)
    {
        var name = order.CustomerEmail == null || order.Lines.Count == 0
            ? "empty"
            : order.CustomerEmail.Replace('@', '_');
        return Path.Combine(directory, $"{order.Id}-{name}.json");
    }

    public static async Task ExportAsync(string directory, Order order, CancellationToken ct)
    {
        using var stream = File.Create(ExportPath(directory, order));
        await JsonSerializer.SerializeAsync(stream, order, cancellationToken: ct);
    }

    private async void OnTimerElapsed(object? sender, EventArgs e)
    {
        try
        {
            await _sender.FlushAsync(CancellationToken.None);
        }
        catch (IOException ex)
        {
            _logger.LogWarning(ex, "Flushing receipts failed");
        }
    }
}

public interface IReceiptSender
{
    Task SendAsync(Order order, CancellationToken ct);

    Task FlushAsync(CancellationToken ct);
}

public sealed class ReceiptSentEventArgs : EventArgs
{
    public ReceiptSentEventArgs(int orderId) => OrderId = orderId;

    public int OrderId { get; }
}
