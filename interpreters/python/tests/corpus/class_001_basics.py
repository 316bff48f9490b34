# Class definition, instances, methods, class vs instance attributes.
class Dog:
    species = "canis"
    count = 0
    def __init__(self, name, age):
        self.name = name
        self.age = age
        Dog.count += 1
    def speak(self):
        return f"{self.name} says woof"
    def birthday(self):
        self.age += 1
        return self
a = Dog("Rex", 3)
b = Dog("Fido", 5)
print(a.speak(), b.speak(), Dog.count, a.count, a.species)
a.birthday().birthday()
print(a.age, b.age)
a.species = "wolf"
print(a.species, b.species, Dog.species)
del a.species
print(a.species)
Dog.species = "canis familiaris"
print(a.species, b.species)
print(type(a).__name__, type(a) is Dog, isinstance(a, Dog), Dog.__name__)
print(sorted(vars(a).items()), sorted(k for k in a.__dict__))
m = a.speak
print(m(), Dog.speak(b))
a.trick = "roll"
print(a.trick, hasattr(b, "trick"))
class Empty:
    pass
e = Empty()
e.x = 1
print(e.x, Empty.__name__, isinstance(e, object))
