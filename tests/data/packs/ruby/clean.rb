# frozen_string_literal: true

require "csv"
require "json"
require "logger"
require "open3"
require "time"

module Billing
  # Reads a CSV export of orders, groups them by customer and writes one JSON
  # invoice per customer. Archives the export with `gzip` when it is done.
  class InvoiceExporter
    class ExportError < StandardError; end

    REQUIRED_COLUMNS = %w[order_id customer_id amount_cents currency placed_at].freeze
    DEFAULT_OPTIONS = { currency: "EUR", archive: true, max_attempts: 3 }.freeze
    RETRYABLE_ERRORS = [Errno::EAGAIN, Errno::EBUSY].freeze

    Order = Struct.new(:id, :customer_id, :amount_cents, :currency, :placed_at, keyword_init: true)

    attr_reader :logger

    def initialize(source_path:, output_dir:, logger: Logger.new($stderr), **options)
      @source_path = source_path
      @output_dir = output_dir
      @logger = logger
      @options = DEFAULT_OPTIONS.merge(options)
    end

    def call
      orders = read_orders
      if orders.empty?
        logger.info("no orders in #{@source_path}, nothing to export")
        return []
      end

      invoices = group_by_customer(orders).map do |customer_id, customer_orders|
        write_invoice(customer_id, customer_orders)
      end
      archive_source if @options[:archive]
      invoices
    end

    private

    def read_orders
      orders = []
      File.open(@source_path, "r:bom|utf-8") do |file|
        csv = CSV.new(file, headers: true)
        csv.each_with_index do |row, index|
          check_columns!(row.headers) if index.zero?
          orders << build_order(row, index + 2)
        end
      end
      orders
    rescue Errno::ENOENT
      raise ExportError, "export file #{@source_path} does not exist"
    rescue CSV::MalformedCSVError => e
      raise ExportError, "export file #{@source_path} is not valid CSV: #{e.message}"
    end

    def check_columns!(headers)
      missing = REQUIRED_COLUMNS - headers.compact
      return if missing.empty?

      raise ExportError, "missing columns: #{missing.join(', ')}"
    end

    def build_order(row, line_number)
      amount = Integer(row["amount_cents"], exception: false)
      if amount.nil?
        raise ExportError, "line #{line_number}: amount #{row['amount_cents'].inspect} is not a whole number"
      end

      Order.new(
        id: row.fetch("order_id"),
        customer_id: row.fetch("customer_id"),
        amount_cents: amount,
        currency: row["currency"] || @options[:currency],
        placed_at: Time.iso8601(row.fetch("placed_at"))
      )
    rescue ArgumentError => e
      raise ExportError, "line #{line_number}: #{e.message}"
    end

    def group_by_customer(orders)
      groups = Hash.new { |hash, key| hash[key] = [] }
      orders.each { |order| groups[order.customer_id] << order }
      groups
    end

    def write_invoice(customer_id, orders)
      currencies = orders.map(&:currency).uniq
      unless currencies.size == 1
        raise ExportError, "customer #{customer_id} has orders in #{currencies.join(' and ')}"
      end

      invoice = {
        customer_id: customer_id,
        currency: currencies.first,
        total_cents: orders.sum(&:amount_cents),
        lines: orders.sort_by(&:placed_at).map { |o| invoice_line(o) },
        generated_at: Time.now.utc.iso8601
      }
      path = File.join(@output_dir, "invoice-#{customer_id}.json")
      with_retries { File.write(path, JSON.pretty_generate(invoice)) }
      logger.info("wrote #{path} (#{orders.size} orders)")
      path
    end

    def invoice_line(order)
      {
        order_id: order.id,
        amount_cents: order.amount_cents,
        placed_at: order.placed_at.iso8601
      }
    end

    def with_retries
      attempts = 0
      begin
        attempts += 1
        yield
      rescue *RETRYABLE_ERRORS => e
        raise if attempts >= @options[:max_attempts]

        logger.warn("attempt #{attempts} failed (#{e.class}), retrying")
        sleep(0.1 * attempts)
        retry
      end
    end

    def archive_source
      _output, error, status = Open3.capture3("gzip", "--keep", "--force", @source_path)
      return if status.success?

      logger.error("could not archive #{@source_path}: #{error.strip}")
    end
  end
end

if $PROGRAM_NAME == __FILE__
  source, output_dir = ARGV
  abort("usage: #{File.basename($PROGRAM_NAME)} EXPORT.csv OUTPUT_DIR") if source.nil? || output_dir.nil?

  begin
    paths = Billing::InvoiceExporter.new(source_path: source, output_dir: output_dir).call
    puts "exported #{paths.size} invoices"
  rescue Billing::InvoiceExporter::ExportError => e
    warn("export failed: #{e.message}")
    exit(1)
  end
end
