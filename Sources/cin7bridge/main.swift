print("cin7bridge")
