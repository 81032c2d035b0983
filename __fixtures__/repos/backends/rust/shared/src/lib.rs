pub fn shared() -> u32 { 7 }
