"""The speed benchmark (invoke bench): a synthetic archive generator and the runner."""
