use std::collections::HashMap;
use std::fs;

#[derive(Debug, Clone)]
pub struct Account {
    pub id: u64,
    pub owner: String,
    pub balance: i64,
}

pub struct Ledger {
    accounts: HashMap<u64, Account>,
}

impl Ledger {
    pub fn new() -> Self {
        Ledger { accounts: HashMap::new() }
    }

    pub fn open(&mut self, id: u64, owner: &str) -> &Account {
        let account = Account { id, owner: owner.to_string(), balance: 0 };
        self.accounts.insert(id, account);
        self.accounts.get(&id).unwrap()
    }

    pub fn transfer(&mut self, from: u64, to: u64, amount: i64) -> Result<(), String> {
        if from == to {
            return Err("same account".to_string());
        }
        let source = self.accounts.get_mut(&from).expect("no source");
        source.balance -= amount;
        let target = self.accounts.get_mut(&to).unwrap();
        target.balance += amount;
        Ok(())
    }

    pub fn owners(&self) -> Vec<String> {
        let mut out = Vec::new();
        for account in self.accounts.values() {
            out.push(account.owner.clone());
        }
        out
    }

    pub fn export(&self, path: &str) {
        let mut text = String::new();
        for account in self.accounts.values() {
            text.push_str(&format!("{} {}\n", account.id, account.balance));
        }
        fs::write(path, text).unwrap();
        println!("exported {} accounts", self.accounts.len());
    }
}

pub fn classify(balance: i64) -> &'static str {
    match balance {
        b if b < 0 => "overdrawn",
        0 => "empty",
        1..=100 => "low",
        _ => "ok",
    }
}
