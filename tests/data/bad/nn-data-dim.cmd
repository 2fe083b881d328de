nn-data moons --dim 3
