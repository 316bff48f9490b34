# Exception raised inside method calls on instances.
# kiln-corpus: full-stderr
class Account:
    def __init__(self, owner, balance):
        self.owner = owner
        self.balance = balance
    def withdraw(self, amount):
        if amount > self.balance:
            raise ValueError(f"{self.owner}: insufficient funds ({self.balance} < {amount})")
        self.balance -= amount
        return self.balance
class Bank:
    def __init__(self):
        self.accounts = {"ann": Account("ann", 100)}
    def transfer(self, who, amount):
        return self.accounts[who].withdraw(amount)
bank = Bank()
print(bank.transfer("ann", 30))
print(bank.transfer("ann", 80))
