"""Running the pipeline over many documents: options, engines (local, fork pool, Dask), the
crash-safe record store, batch runs and the bench."""
