fn main() { println!("plain"); }
