print("meshlog")
