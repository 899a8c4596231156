use std::env;

pub struct Config {
    pub port: u16,
    pub verbose: bool,
    pub name: String,
}

pub fn load() -> Config {
    let port = env::var("PORT").unwrap_or_default().parse().unwrap();
    let verbose = env::var("VERBOSE").is_ok();
    let name = env::var("NAME").unwrap();
    if verbose {
        println!("config loaded for {}", name);
    }
    Config { port, verbose, name: name.clone() }
}

pub fn describe(config: &Config) -> String {
    match config.port {
        80 => "http".to_string(),
        443 => "https".to_string(),
        _ => format!("port {}", config.port),
    }
}
