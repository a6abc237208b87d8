"""Redis integration: shared connection pools, a circuit breaker and the cache managers."""
