<?php

declare(strict_types=1);

namespace App\Account;

use InvalidArgumentException;
use PDO;
use PDOException;
use Psr\Log\LoggerInterface;
use RuntimeException;

/**
 * Registers users, checks their logins and exports the account list as CSV.
 */
final class AccountService
{
    private const ALLOWED_SORT_COLUMNS = ['email', 'created_at', 'last_login_at'];
    private const MIN_PASSWORD_LENGTH = 12;

    public function __construct(
        private readonly PDO $pdo,
        private readonly LoggerInterface $logger,
        private readonly string $exportDirectory,
    ) {
        $this->pdo->setAttribute(PDO::ATTR_ERRMODE, PDO::ERRMODE_EXCEPTION);
    }

    public function register(string $email, string $password): int
    {
        $email = strtolower(trim($email));
        if (filter_var($email, FILTER_VALIDATE_EMAIL) === false) {
            throw new InvalidArgumentException("'{$email}' is not a valid e-mail address");
        }
        if (strlen($password) < self::MIN_PASSWORD_LENGTH) {
            throw new InvalidArgumentException('the password must have at least 12 characters');
        }

        $stmt = $this->pdo->prepare(
            'INSERT INTO users (email, password_hash, created_at) VALUES (:email, :hash, NOW())'
        );
        try {
            $stmt->execute([
                'email' => $email,
                'hash' => password_hash($password, PASSWORD_DEFAULT),
            ]);
        } catch (PDOException $e) {
            if ($e->getCode() === '23000') {
                throw new DuplicateAccountException("an account for {$email} already exists", 0, $e);
            }
            throw $e;
        }

        $id = (int) $this->pdo->lastInsertId();
        $this->logger->info('account registered', ['user_id' => $id]);

        return $id;
    }

    public function authenticate(string $email, string $password): ?array
    {
        $stmt = $this->pdo->prepare('SELECT id, email, password_hash FROM users WHERE email = ?');
        $stmt->execute([strtolower(trim($email))]);
        $user = $stmt->fetch(PDO::FETCH_ASSOC);

        if ($user === false || !password_verify($password, $user['password_hash'])) {
            $this->logger->notice('failed login', ['email' => $email]);
            return null;
        }

        if (password_needs_rehash($user['password_hash'], PASSWORD_DEFAULT)) {
            $update = $this->pdo->prepare('UPDATE users SET password_hash = :hash WHERE id = :id');
            $update->execute([
                'hash' => password_hash($password, PASSWORD_DEFAULT),
                'id' => $user['id'],
            ]);
        }
        unset($user['password_hash']);

        return $user;
    }

    /**
     * @return list<array{id: int, email: string, created_at: string}>
     */
    public function listAccounts(string $sortColumn, int $page, int $perPage = 50): array
    {
        if (!in_array($sortColumn, self::ALLOWED_SORT_COLUMNS, true)) {
            $sortColumn = 'email';
        }
        $page = max(1, $page);

        // The column comes from the allow-list above; the values go through placeholders.
        $sql = sprintf('SELECT id, email, created_at FROM users ORDER BY %s LIMIT :limit OFFSET :offset', $sortColumn);
        $stmt = $this->pdo->prepare($sql);
        $stmt->bindValue('limit', $perPage, PDO::PARAM_INT);
        $stmt->bindValue('offset', ($page - 1) * $perPage, PDO::PARAM_INT);
        $stmt->execute();

        return $stmt->fetchAll(PDO::FETCH_ASSOC);
    }

    public function exportCsv(): string
    {
        if (!is_dir($this->exportDirectory) && !mkdir($this->exportDirectory, 0750, true)) {
            throw new RuntimeException("cannot create {$this->exportDirectory}");
        }

        $path = $this->exportDirectory . '/accounts-' . date('Ymd-His') . '.csv';
        $handle = fopen($path, 'wb');
        if ($handle === false) {
            throw new RuntimeException("cannot open {$path} for writing");
        }

        try {
            fputcsv($handle, ['id', 'email', 'created_at']);
            $rows = $this->pdo->query('SELECT id, email, created_at FROM users ORDER BY id');
            $count = 0;
            foreach ($rows as $row) {
                fputcsv($handle, [$row['id'], $row['email'], $row['created_at']]);
                $count++;
            }
        } finally {
            fclose($handle);
        }

        $this->logger->info('accounts exported', ['path' => $path, 'rows' => $count]);
        $this->compress($path);

        return $path;
    }

    private function compress(string $path): void
    {
        $command = 'gzip --keep --force ' . escapeshellarg($path);
        exec($command, $output, $status);
        if ($status !== 0) {
            $this->logger->warning('export not compressed', [
                'path' => $path,
                'output' => implode("\n", $output),
            ]);
        }
    }
}

final class DuplicateAccountException extends RuntimeException
{
}
