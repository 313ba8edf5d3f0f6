# Output files: atomic writes, private modes, deferred flushing of a staging folder; spill
# arrays (records on disk, external sort).
lg_test(io DEPS lg_io)
