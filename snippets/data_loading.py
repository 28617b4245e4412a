"""Examples for the Datasets and DataLoaders chapter (docs/data-loading.md)."""

# --8<-- [start:dataset_protocol]
import torch
from torch.utils.data import Dataset


class Squares(Dataset):
    """The numbers 0, 1, 2, ... with their squares, each computed only when it is asked for."""

    def __init__(self, count):
        self.count = count

    def __len__(self):
        return self.count

    def __getitem__(self, index):
        if not 0 <= index < self.count:
            raise IndexError(f"index {index} is out of range for {self.count} samples")
        x = torch.tensor([float(index)])
        return x, x**2  # one sample: an input and its target


squares = Squares(5)
print(len(squares))
#> 5
print(squares[3])
#> (tensor([3.]), tensor([9.]))

# A for loop asks for index 0, 1, 2, ... until __getitem__ raises IndexError.
targets = torch.cat([target for x, target in squares])
print(targets)
#> tensor([ 0.,  1.,  4.,  9., 16.])
# --8<-- [end:dataset_protocol]

# --8<-- [start:tensor_dataset]
import torch
from torch.utils.data import TensorDataset

features = torch.arange(12.0).reshape(6, 2)  # 6 samples, 2 features each
labels = torch.tensor([0, 1, 0, 1, 1, 0])

dataset = TensorDataset(features, labels)
print(len(dataset))
#> 6
print(dataset[2])  # row 2 of every tensor
#> (tensor([4., 5.]), tensor(0))

# The tensors must agree on their first dimension, the number of samples.
try:
    TensorDataset(features, labels[:5])
except AssertionError as error:
    print(f"AssertionError: {error}")
#> AssertionError: Size mismatch between tensors
# --8<-- [end:tensor_dataset]

# --8<-- [start:digits_dataset]
import torch
from sklearn.datasets import load_digits
from torch.utils.data import Dataset


def to_image(pixels):
    """8 x 8 values from 0 to 16 -> a float tensor of shape (1, 8, 8) with values in [0, 1]."""
    image = torch.tensor(pixels, dtype=torch.float32) / 16
    return image.unsqueeze(0)  # one colour channel first: (channels, height, width)


class DigitsDataset(Dataset):
    """scikit-learn's handwritten digits, one (image, label) pair at a time."""

    def __init__(self, images, labels, transform=None):
        self.images = images  # kept as they are: NumPy arrays
        self.labels = labels
        self.transform = transform

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, index):
        image = self.images[index]
        if self.transform is not None:
            image = self.transform(image)  # applied to this one sample, when it is asked for
        return image, int(self.labels[index])


digits = load_digits()
print(digits.images.shape, digits.images.max(), digits.target[:10])
#> (1797, 8, 8) 16.0 [0 1 2 3 4 5 6 7 8 9]

raw = DigitsDataset(digits.images, digits.target)
image, label = raw[0]
print(len(raw), type(image).__name__, image.shape, label)
#> 1797 ndarray (8, 8) 0

dataset = DigitsDataset(digits.images, digits.target, transform=to_image)
image, label = dataset[0]
print(image.shape, image.dtype, image.min().item(), image.max().item(), label)
#> torch.Size([1, 8, 8]) torch.float32 0.0 0.9375 0
# --8<-- [end:digits_dataset]

# --8<-- [start:show_digits]
# Continues the previous block.
import matplotlib.pyplot as plt

fig, axes = plt.subplots(1, 10, figsize=(10, 1.6))
for index, ax in enumerate(axes):
    image, label = dataset[index]
    ax.imshow(image[0].numpy(), cmap="gray_r")  # image[0]: the only channel, 8 x 8
    ax.set_title(str(label))
    ax.axis("off")
plt.show()
# --8<-- [end:show_digits]

# --8<-- [start:random_split_digits]
# Continues the previous block.
from torch.utils.data import random_split

# 70 % to learn from, 15 % to tune with, 15 % kept back for one final test.
splitter = torch.Generator().manual_seed(0)
train_set, val_set, test_set = random_split(dataset, [0.7, 0.15, 0.15], generator=splitter)
print(len(train_set), len(val_set), len(test_set))
#> 1258 270 269

# Each part is a Subset: the original dataset and a list of indices into it.
print(type(train_set).__name__, train_set.indices[:5])
#> Subset [362, 1568, 1440, 1761, 815]
image, label = train_set[0]
print(label == dataset[train_set.indices[0]][1])
#> True

# The same seed gives the same split, on every run and every machine.
again = random_split(dataset, [0.7, 0.15, 0.15], generator=torch.Generator().manual_seed(0))
print(again[0].indices == train_set.indices)
#> True
# --8<-- [end:random_split_digits]

# --8<-- [start:dataloader_batches]
# Continues the previous block.
from torch.utils.data import DataLoader

loader = DataLoader(train_set, batch_size=64, shuffle=True)
print(len(loader))  # batches per epoch
#> 20

images, labels = next(iter(loader))  # the first batch
print(images.shape, images.dtype)
#> torch.Size([64, 1, 8, 8]) torch.float32
print(labels.shape, labels.dtype)
#> torch.Size([64]) torch.int64

sizes = [len(labels) for _, labels in loader]  # one epoch
print(sizes[0], sizes[-1], sum(sizes))
#> 64 42 1258
# --8<-- [end:dataloader_batches]

# --8<-- [start:shuffle_epochs]
# Continues the previous block.
def first_labels(loader):
    _, labels = next(iter(loader))  # iter() starts a new epoch
    return labels[:10].tolist()


loader = DataLoader(
    train_set, batch_size=64, shuffle=True, generator=torch.Generator().manual_seed(0)
)
print("epoch 1:", first_labels(loader))
#> epoch 1: [3, 4, 9, 5, 1, 1, 3, 3, 7, 6]
print("epoch 2:", first_labels(loader))
#> epoch 2: [2, 5, 0, 4, 0, 8, 6, 5, 3, 8]

# A new loader seeded the same way replays the same epochs.
replay = DataLoader(
    train_set, batch_size=64, shuffle=True, generator=torch.Generator().manual_seed(0)
)
print("epoch 1:", first_labels(replay))
#> epoch 1: [3, 4, 9, 5, 1, 1, 3, 3, 7, 6]
# --8<-- [end:shuffle_epochs]

# --8<-- [start:drop_last_batches]
# Continues the previous block.
loader = DataLoader(train_set, batch_size=64, shuffle=True, drop_last=True)
sizes = [len(labels) for _, labels in loader]
print(len(loader), set(sizes), sum(sizes))
#> 19 {64} 1216
# --8<-- [end:drop_last_batches]

# --8<-- [start:drop_last_batch_norm]
# Continues the previous block.
from torch import nn
from torch.utils.data import Subset

norm = nn.BatchNorm1d(64)  # a new module is in training mode
small = Subset(train_set, range(129))  # two batches of 64, and 1 sample left over

for drop_last in (False, True):
    sizes = []
    try:
        for images, _ in DataLoader(small, batch_size=64, drop_last=drop_last):
            sizes.append(len(images))
            norm(images.flatten(start_dim=1))  # (batch, 64 pixels)
        print(f"drop_last={drop_last}: batches {sizes}, no error")
    except ValueError as error:
        print(f"drop_last={drop_last}: batches {sizes}, then: {error}")
#> drop_last=False: batches [64, 64, 1], then: Expected more than 1 value per channel when training, got input size torch.Size([1, 64])
#> drop_last=True: batches [64, 64], no error
# --8<-- [end:drop_last_batch_norm]

# --8<-- [start:train_with_loaders]
# Continues the previous block.
from torch import nn

train_loader = DataLoader(
    train_set, batch_size=64, shuffle=True, generator=torch.Generator().manual_seed(0)
)
val_loader = DataLoader(val_set, batch_size=256)  # no shuffling: the order changes no score
test_loader = DataLoader(test_set, batch_size=256)

torch.manual_seed(0)
model = nn.Sequential(nn.Flatten(), nn.Linear(64, 10))  # 64 pixels in, 10 digit scores out
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.5)


def accuracy(model, loader):
    model.eval()
    correct = 0
    with torch.no_grad():
        for images, labels in loader:
            correct += (model(images).argmax(dim=1) == labels).sum().item()
    return correct / len(loader.dataset)


for epoch in range(1, 6):
    model.train()
    total_loss = 0.0
    for images, labels in train_loader:  # a new order every epoch
        loss = loss_fn(model(images), labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total_loss += loss.item() * len(labels)
    mean_loss = total_loss / len(train_loader.dataset)
    val_accuracy = accuracy(model, val_loader)
    print(f"epoch {epoch}  train loss {mean_loss:.3f}  validation accuracy {val_accuracy:.3f}")
#> epoch 1  train loss 1.666  validation accuracy 0.830
#> epoch 2  train loss 0.916  validation accuracy 0.885
#> epoch 3  train loss 0.647  validation accuracy 0.933
#> epoch 4  train loss 0.515  validation accuracy 0.930
#> epoch 5  train loss 0.441  validation accuracy 0.937

print(f"test accuracy {accuracy(model, test_loader):.3f}")  # once, at the very end
#> test accuracy 0.918
# --8<-- [end:train_with_loaders]

# --8<-- [start:default_collate_fails]
import torch
from torch.utils.data import DataLoader, Dataset


class Words(Dataset):
    """Each sample is a word written as letter numbers: a = 1, b = 2, ..., z = 26."""

    def __init__(self, words):
        self.words = words

    def __len__(self):
        return len(self.words)

    def __getitem__(self, index):
        return torch.tensor([ord(letter) - ord("a") + 1 for letter in self.words[index]])


words = Words(["tensor", "grad", "batch", "loader", "epoch", "gpu"])
print([len(word) for word in words])
#> [6, 4, 5, 6, 5, 3]

loader = DataLoader(words, batch_size=3)
try:
    next(iter(loader))
except RuntimeError as error:
    print(error)
#> stack expects each tensor to be equal size, but got [6] at entry 0 and [4] at entry 1
# --8<-- [end:default_collate_fails]

# --8<-- [start:pad_collate]
# Continues the previous block.
from torch.nn.utils.rnn import pad_sequence


def pad_batch(samples):
    """A list of 1-D tensors of different lengths -> one padded 2-D tensor, and the lengths."""
    lengths = torch.tensor([len(sample) for sample in samples])
    padded = pad_sequence(samples, batch_first=True, padding_value=0)  # 0 is no letter
    return padded, lengths


loader = DataLoader(words, batch_size=3, collate_fn=pad_batch)
for padded, lengths in loader:
    print(padded)
    print(lengths)
#> tensor([[20,  5, 14, 19, 15, 18],
#>         [ 7, 18,  1,  4,  0,  0],
#>         [ 2,  1, 20,  3,  8,  0]])
#> tensor([6, 4, 5])
#> tensor([[12, 15,  1,  4,  5, 18],
#>         [ 5, 16, 15,  3,  8,  0],
#>         [ 7, 16, 21,  0,  0,  0]])
#> tensor([6, 5, 3])

# The lengths tell real letters from padding.
mask = torch.arange(padded.shape[1]) < lengths.unsqueeze(1)
print(mask.int())
#> tensor([[1, 1, 1, 1, 1, 1],
#>         [1, 1, 1, 1, 1, 0],
#>         [1, 1, 1, 0, 0, 0]], dtype=torch.int32)
# --8<-- [end:pad_collate]

# --8<-- [start:imbalanced_batches]
import torch
from sklearn.datasets import load_digits
from torch.utils.data import DataLoader, TensorDataset

digits = load_digits()
images = torch.tensor(digits.images, dtype=torch.float32).unsqueeze(1) / 16
labels = torch.tensor(digits.target)

# An imbalanced data set: 150 zeros, 40 ones and 10 twos.
wanted = {0: 150, 1: 40, 2: 10}
keep = torch.cat([torch.nonzero(labels == digit)[:count, 0] for digit, count in wanted.items()])
dataset = TensorDataset(images[keep], labels[keep])
print(len(dataset), torch.bincount(dataset.tensors[1]).tolist())
#> 200 [150, 40, 10]

loader = DataLoader(
    dataset, batch_size=50, shuffle=True, generator=torch.Generator().manual_seed(0)
)
for _, batch_labels in loader:
    print(torch.bincount(batch_labels, minlength=3).tolist())
#> [40, 9, 1]
#> [36, 13, 1]
#> [41, 5, 4]
#> [33, 13, 4]
# --8<-- [end:imbalanced_batches]

# --8<-- [start:weighted_sampler]
# Continues the previous block.
from torch.utils.data import WeightedRandomSampler

class_counts = torch.bincount(dataset.tensors[1])
weights = 1.0 / class_counts[dataset.tensors[1]]  # one weight per sample: rare class, high weight
print([round(weight, 4) for weight in weights[[0, 150, 190]].tolist()])  # a 0, a 1, a 2
#> [0.0067, 0.025, 0.1]

sampler = WeightedRandomSampler(
    weights, num_samples=len(dataset), replacement=True, generator=torch.Generator().manual_seed(0)
)
loader = DataLoader(dataset, batch_size=50, sampler=sampler)  # the sampler replaces shuffle=True
totals = torch.zeros(3, dtype=torch.int64)
for _, batch_labels in loader:
    counts = torch.bincount(batch_labels, minlength=3)
    totals += counts
    print(counts.tolist())
#> [13, 22, 15]
#> [19, 17, 14]
#> [19, 16, 15]
#> [15, 16, 19]
print("one epoch:", totals.tolist())
#> one epoch: [66, 71, 63]
print(f"each 2 is drawn {totals[2] / class_counts[2]:.1f} times per epoch on average")
#> each 2 is drawn 6.3 times per epoch on average
# --8<-- [end:weighted_sampler]

# --8<-- [start:load_with_workers]
# Run with: python load_with_workers.py
import torch
from sklearn.datasets import load_digits
from torch.utils.data import DataLoader, Dataset, get_worker_info


class ShiftedDigits(Dataset):
    """The digits, each moved one pixel left or right, or not at all, at random."""

    def __init__(self):
        digits = load_digits()
        self.images = torch.tensor(digits.images, dtype=torch.float32).unsqueeze(1) / 16
        self.labels = torch.tensor(digits.target)

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, index):
        shift = int(torch.randint(-1, 2, ()))  # in a worker: that worker's own seeded generator
        image = torch.roll(self.images[index], shifts=shift, dims=2)
        worker = get_worker_info()  # None in the main process
        return image, self.labels[index], worker.id


def load_one_epoch(seed):
    loader = DataLoader(
        ShiftedDigits(),
        batch_size=256,
        shuffle=True,
        num_workers=2,  # two processes load batches while the main process works
        generator=torch.Generator().manual_seed(seed),  # seeds the order and the workers
    )
    return list(loader)


def main():
    batches = load_one_epoch(seed=0)
    for number, (_, labels, workers) in enumerate(batches):
        print(f"batch {number}: {len(labels)} images from worker {workers.unique().item()}")
    again = load_one_epoch(seed=0)
    same = all(
        torch.equal(first[0], second[0]) and torch.equal(first[1], second[1])
        for first, second in zip(batches, again, strict=True)
    )
    print(f"the same seed gives the same shifted images: {same}")


if __name__ == "__main__":  # workers that start a new interpreter import this file again
    main()
#> batch 0: 256 images from worker 0
#> batch 1: 256 images from worker 1
#> batch 2: 256 images from worker 0
#> batch 3: 256 images from worker 1
#> batch 4: 256 images from worker 0
#> batch 5: 256 images from worker 1
#> batch 6: 256 images from worker 0
#> batch 7: 5 images from worker 1
#> the same seed gives the same shifted images: True
# --8<-- [end:load_with_workers]

# --8<-- [start:exercise_split_is_a_partition]
import torch
from sklearn.datasets import load_digits
from torch.utils.data import TensorDataset, random_split

digits = load_digits()
dataset = TensorDataset(torch.tensor(digits.images), torch.tensor(digits.target))
# 80 %, 10 % and 10 % of the images.
parts = random_split(dataset, [0.8, 0.1, 0.1], generator=torch.Generator().manual_seed(0))
print([len(part) for part in parts])
#> [1438, 180, 179]

train, val, test = (set(part.indices) for part in parts)
print(len(train & val), len(train & test), len(val & test))  # indices in two parts
#> 0 0 0
print(train | val | test == set(range(len(dataset))), len(train | val | test))
#> True 1797
# --8<-- [end:exercise_split_is_a_partition]

# --8<-- [start:exercise_sampler_without_replacement]
import torch
from sklearn.datasets import load_digits
from torch.utils.data import DataLoader, TensorDataset, WeightedRandomSampler

digits = load_digits()
images = torch.tensor(digits.images, dtype=torch.float32).unsqueeze(1) / 16
labels = torch.tensor(digits.target)
wanted = {0: 150, 1: 40, 2: 10}
keep = torch.cat([torch.nonzero(labels == digit)[:count, 0] for digit, count in wanted.items()])
dataset = TensorDataset(images[keep], labels[keep])

class_counts = torch.bincount(dataset.tensors[1])
weights = 1.0 / class_counts[dataset.tensors[1]]
sampler = WeightedRandomSampler(
    weights, num_samples=len(dataset), replacement=False, generator=torch.Generator().manual_seed(0)
)
loader = DataLoader(dataset, batch_size=50, sampler=sampler)
totals = torch.zeros(3, dtype=torch.int64)
for _, batch_labels in loader:
    counts = torch.bincount(batch_labels, minlength=3)
    totals += counts
    print(counts.tolist())
#> [23, 17, 10]
#> [35, 15, 0]
#> [43, 7, 0]
#> [49, 1, 0]
print("one epoch:", totals.tolist())
#> one epoch: [150, 40, 10]
# --8<-- [end:exercise_sampler_without_replacement]
