"""Running work over documents: the jobs, the workers, the cache, safe writes."""
