"""Key slots, key derivation, authenticated encryption and signatures."""
