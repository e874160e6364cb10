"""Makes the example measurements' clean sources from the bundled datasets (run from the repository root:
python3 Examples/make_examples.py; needs Pillow). Each is a non-square crop or an antialiased reduction of a
bundled image, small enough to reconstruct in a minute on 2 cores; see SOURCE.txt."""
from PIL import Image

def save(image, name):
    image.save(f"Examples/{name}", optimize=True)

kodak = Image.open("Datasets/kodak24/kodim23.png").convert("RGB")
save(kodak.crop((300, 100, 300 + 144, 100 + 96)), "parrots-96x144.png")
chelsea = Image.open("Datasets/natural/chelsea.png").convert("RGB")
save(chelsea.resize((150, 100), Image.Resampling.BOX), "chelsea-100x150.png")
coffee = Image.open("Datasets/natural/coffee.png").convert("RGB")
save(coffee.resize((150, 100), Image.Resampling.BOX), "coffee-100x150.png")
camera = Image.open("Datasets/natural/camera.png").convert("L")
save(camera.crop((128, 64, 128 + 160, 64 + 96)), "camera-96x160.png")
