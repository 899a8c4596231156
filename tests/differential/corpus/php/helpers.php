<?php

function format_price(float $amount, string $currency = 'EUR'): string
{
    $rounded = round($amount, 2);
    return sprintf('%.2f %s', $rounded, $currency);
}

function debug_items(array $items): void
{
    foreach ($items as $key => $item) {
        var_dump($key);
        echo "item: " . $item . "\n";
    }
}

function _internal_total(array $prices): float
{
    // Sum without tax; callers add it.
    $total = 0;
    foreach ($prices as $price) {
        $total += $price;
    }
    return $total;
}

function is_admin($user): bool
{
    if ($user == null) {
        return false;
    }
    return in_array('admin', $user->roles, true);
}
