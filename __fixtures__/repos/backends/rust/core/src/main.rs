fn main() { println!("fast core"); }
