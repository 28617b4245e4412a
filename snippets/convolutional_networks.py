"""Examples for the Convolutional networks chapter (docs/convolutional-networks.md)."""

# --8<-- [start:digits_as_images]
import torch
from sklearn.datasets import load_digits

digits = load_digits()
print(digits.images.shape, digits.target.shape)
#> (1797, 8, 8) (1797,)
print(f"pixel values from {digits.images.min():.0f} to {digits.images.max():.0f}")
#> pixel values from 0 to 16

images = torch.tensor(digits.images, dtype=torch.float32).unsqueeze(1) / 16
labels = torch.tensor(digits.target)
print(tuple(images.shape), images.dtype, tuple(labels.shape), labels.dtype)
#> (1797, 1, 8, 8) torch.float32 (1797,) torch.int64
print("samples per digit:", torch.bincount(labels).tolist())
#> samples per digit: [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
# --8<-- [end:digits_as_images]

# --8<-- [start:conv2d_shapes]
import torch
from sklearn.datasets import load_digits
from torch import nn

images = torch.tensor(load_digits().images[:4], dtype=torch.float32)
batch = images.unsqueeze(1) / 16
print("input:", tuple(batch.shape))
#> input: (4, 1, 8, 8)

torch.manual_seed(0)
for conv in [
    nn.Conv2d(1, 16, kernel_size=3),
    nn.Conv2d(1, 16, kernel_size=3, padding=1),
    nn.Conv2d(1, 16, kernel_size=3, padding=1, stride=2),
    nn.Conv2d(1, 16, kernel_size=5, padding=2),
]:
    k, p, s = conv.kernel_size[0], conv.padding[0], conv.stride[0]
    print(f"kernel_size={k}, padding={p}, stride={s} -> {tuple(conv(batch).shape)}")
#> kernel_size=3, padding=0, stride=1 -> (4, 16, 6, 6)
#> kernel_size=3, padding=1, stride=1 -> (4, 16, 8, 8)
#> kernel_size=3, padding=1, stride=2 -> (4, 16, 4, 4)
#> kernel_size=5, padding=2, stride=1 -> (4, 16, 8, 8)

conv = nn.Conv2d(1, 16, kernel_size=3, padding=1)
print("weight:", tuple(conv.weight.shape), "bias:", tuple(conv.bias.shape))
#> weight: (16, 1, 3, 3) bias: (16,)
print("parameters:", sum(p.numel() for p in conv.parameters()))
#> parameters: 160
linear = nn.Linear(64, 16 * 8 * 8)
print("Linear(64, 1024) parameters:", sum(p.numel() for p in linear.parameters()))
#> Linear(64, 1024) parameters: 66560
# --8<-- [end:conv2d_shapes]

# --8<-- [start:max_pool]
import torch
from torch import nn

pool = nn.MaxPool2d(kernel_size=2)

grid = torch.tensor([[1.0, 5.0, 2.0, 0.0],
                     [3.0, 4.0, 8.0, 1.0],
                     [0.0, 2.0, 6.0, 7.0],
                     [9.0, 1.0, 3.0, 4.0]]).reshape(1, 1, 4, 4)
print(pool(grid))
#> tensor([[[[5., 8.],
#>           [9., 7.]]]])

feature_maps = torch.randn(4, 16, 8, 8)
print(tuple(feature_maps.shape), "->", tuple(pool(feature_maps).shape))
#> (4, 16, 8, 8) -> (4, 16, 4, 4)
print("parameters:", sum(p.numel() for p in pool.parameters()))
#> parameters: 0
# --8<-- [end:max_pool]

# --8<-- [start:batch_norm]
import torch
from sklearn.datasets import load_digits
from torch import nn

images = torch.tensor(load_digits().images[:32], dtype=torch.float32)
batch = images.unsqueeze(1) / 16
torch.manual_seed(0)
conv = nn.Conv2d(1, 4, kernel_size=3, padding=1)
norm = nn.BatchNorm2d(4)


def per_channel(values: torch.Tensor) -> str:
    """Mean/standard deviation of each channel, over batch and positions."""
    means = values.mean(dim=(0, 2, 3)).tolist()
    stds = values.std(dim=(0, 2, 3)).tolist()
    # round(m, 2) + 0.0 prints a tiny negative mean as +0.00, not -0.00
    pairs = zip(means, stds, strict=True)
    return "  ".join(f"{round(m, 2) + 0.0:+.2f}/{s:.2f}" for m, s in pairs)


with torch.no_grad():
    maps = conv(batch)
    normalised = norm(maps)
print("mean/std per channel before:", per_channel(maps))
#> mean/std per channel before: -0.24/0.12  +0.16/0.18  +0.30/0.21  -0.20/0.30
print("mean/std per channel after: ", per_channel(normalised))
#> mean/std per channel after:  +0.00/1.00  +0.00/1.00  +0.00/1.00  +0.00/1.00
learnable = [name for name, _ in norm.named_parameters()]
print("learnable:", learnable, tuple(norm.weight.shape))
#> learnable: ['weight', 'bias'] (4,)
print("running mean:", [round(v, 3) for v in norm.running_mean.tolist()])
#> running mean: [-0.024, 0.016, 0.03, -0.02]

norm.eval()
with torch.no_grad():
    print("eval mode, running statistics: ", per_channel(norm(maps)))
#> eval mode, running statistics:  -0.23/0.13  +0.15/0.19  +0.28/0.22  -0.19/0.32
# --8<-- [end:batch_norm]

# --8<-- [start:dropout_train_vs_eval]
import torch
from torch import nn

torch.manual_seed(0)
dropout = nn.Dropout(p=0.5)
activations = torch.ones(10)

print(dropout.training)
#> True
print(dropout(activations))
#> tensor([0., 0., 2., 0., 0., 0., 2., 2., 0., 2.])
print(dropout(activations))
#> tensor([2., 2., 2., 0., 2., 2., 2., 2., 0., 0.])

dropout.eval()
print(dropout.training)
#> False
print(dropout(activations))
#> tensor([1., 1., 1., 1., 1., 1., 1., 1., 1., 1.])
# --8<-- [end:dropout_train_vs_eval]

# The page shows the Trainer here (the trainer_class section of snippets/trainer.py); the blocks
# below continue from it.
from snippets.trainer import Trainer


# --8<-- [start:convnet_model]
# Continues the previous block.
class ConvNet(nn.Module):
    """Two convolutional blocks, then two linear layers with dropout."""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Sequential(
            nn.Conv2d(1, 16, kernel_size=3, padding=1),
            nn.BatchNorm2d(16),
            nn.ReLU(),
            nn.MaxPool2d(2),
        )
        self.conv2 = nn.Sequential(
            nn.Conv2d(16, 32, kernel_size=3, padding=1),
            nn.BatchNorm2d(32),
            nn.ReLU(),
            nn.MaxPool2d(2),
        )
        self.fc1 = nn.Linear(32 * 2 * 2, 64)
        self.dropout = nn.Dropout(p=0.5)
        self.fc2 = nn.Linear(64, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.conv1(x)  # (N, 16, 4, 4)
        x = self.conv2(x)  # (N, 32, 2, 2)
        x = x.flatten(start_dim=1)  # (N, 128)
        x = self.dropout(torch.relu(self.fc1(x)))  # (N, 64)
        return self.fc2(x)  # (N, 10): one score (logit) per digit


torch.manual_seed(0)
model = ConvNet()
x = torch.zeros(4, 1, 8, 8)
print("input  ", tuple(x.shape))
#> input   (4, 1, 8, 8)
for name in ["conv1", "conv2"]:
    x = getattr(model, name)(x)
    print(f"{name:<7}", tuple(x.shape))
#> conv1   (4, 16, 4, 4)
#> conv2   (4, 32, 2, 2)
x = x.flatten(start_dim=1)
print("flatten", tuple(x.shape))
#> flatten (4, 128)
x = model.fc1(x)
print("fc1    ", tuple(x.shape))
#> fc1     (4, 64)
print("fc2    ", tuple(model.fc2(x).shape))
#> fc2     (4, 10)
print("parameters:", sum(p.numel() for p in model.parameters()))
#> parameters: 13802
# --8<-- [end:convnet_model]

# --8<-- [start:split_digits]
# Continues the previous block.
from sklearn.datasets import load_digits
from torch.utils.data import DataLoader, TensorDataset, random_split

digits = load_digits()
images = torch.tensor(digits.images, dtype=torch.float32).unsqueeze(1) / 16
labels = torch.tensor(digits.target)
dataset = TensorDataset(images, labels)

# 60 % to train on, 20 % to validate with, 20 % to test once at the end.
splitter = torch.Generator().manual_seed(0)
train_set, val_set, test_set = random_split(dataset, [0.6, 0.2, 0.2], generator=splitter)
print(len(train_set), len(val_set), len(test_set))
#> 1079 359 359
val_images, val_labels = dataset[val_set.indices]
print("validation digits per class:", torch.bincount(val_labels).tolist())
#> validation digits per class: [34, 35, 34, 37, 42, 36, 43, 27, 31, 40]

train_loader = DataLoader(
    train_set, batch_size=32, shuffle=True, generator=torch.Generator().manual_seed(0)
)
val_loader = DataLoader(val_set, batch_size=256)
test_loader = DataLoader(test_set, batch_size=256)
# --8<-- [end:split_digits]

# --8<-- [start:train_convnet]
# Continues the previous block.
import time


def accuracy(logits: torch.Tensor, targets: torch.Tensor) -> float:
    return (logits.argmax(dim=1) == targets).float().mean().item()


default_threads = torch.get_num_threads()
torch.set_num_threads(1)  # fast enough, and the same result on any machine

torch.manual_seed(0)
model = ConvNet()
optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
trainer = Trainer(model, optimizer, nn.CrossEntropyLoss())

start = time.process_time()
history = trainer.fit(train_loader, val_loader, epochs=12, metric=accuracy)
seconds = time.process_time() - start
torch.set_num_threads(default_threads)

for i, epoch in enumerate(history.epochs):
    print(
        f"epoch {epoch:2d}  train {history.train_loss[i]:.3f} "
        f"{history.train_metric[i]:6.1%}  validation {history.val_loss[i]:.3f} "
        f"{history.val_metric[i]:6.1%}"
    )
#> epoch  1  train 1.389  81.3%  validation 1.455  74.1%
#> epoch  2  train 0.462  86.2%  validation 0.553  83.0%
#> epoch  3  train 0.144  98.0%  validation 0.201  96.4%
#> epoch  4  train 0.072  98.7%  validation 0.138  95.5%
#> epoch  5  train 0.067  98.1%  validation 0.127  95.8%
#> epoch  6  train 0.031  99.2%  validation 0.082  97.8%
#> epoch  7  train 0.025  99.5%  validation 0.078  97.8%
#> epoch  8  train 0.038  98.5%  validation 0.109  96.9%
#> epoch  9  train 0.016  99.8%  validation 0.070  98.1%
#> epoch 10  train 0.006 100.0%  validation 0.048  98.6%
#> epoch 11  train 0.005 100.0%  validation 0.057  98.6%
#> epoch 12  train 0.006  99.9%  validation 0.054  98.3%
best = history.best_epoch - 1
print(
    f"kept epoch {history.best_epoch}: validation accuracy "
    f"{history.val_metric[best]:.1%} on {len(val_set)} digits"
)
#> kept epoch 10: validation accuracy 98.6% on 359 digits
print(f"training used {seconds:.1f} s of CPU time")
#> training used ... s of CPU time
# --8<-- [end:train_convnet]

# --8<-- [start:eval_mode_is_deterministic]
# Continues the previous block.
import copy

# A copy: train-mode passes would update the model's BatchNorm statistics.
probe = copy.deepcopy(model)
sample = val_images[:8]

with torch.no_grad():
    for mode in ("train", "eval"):
        probe.train(mode == "train")
        same = torch.equal(probe(sample), probe(sample))
        print(f"{mode:<5} mode: same input twice, same output: {same}")
#> train mode: same input twice, same output: False
#> eval  mode: same input twice, same output: True
# --8<-- [end:eval_mode_is_deterministic]

# --8<-- [start:test_once]
# Continues the previous block.
test_loss, test_accuracy = trainer.evaluate(test_loader, accuracy)
print(f"test: loss {test_loss:.3f}, accuracy {test_accuracy:.1%} on {len(test_set)} digits")
#> test: loss 0.026, accuracy 99.4% on 359 digits
# --8<-- [end:test_once]

# --8<-- [start:plot_predictions]
# Continues the previous block.
import matplotlib.pyplot as plt

test_images, test_labels = dataset[test_set.indices]
model.eval()
with torch.no_grad():
    predicted = model(test_images).argmax(dim=1)

wrong = (predicted != test_labels).nonzero().flatten()
print(f"{len(wrong)} of {len(test_labels)} test digits misclassified")
#> 2 of 359 test digits misclassified
pairs = [(test_labels[i].item(), predicted[i].item()) for i in wrong]
print("(true, predicted):", pairs)
#> (true, predicted): [(3, 5), (5, 9)]

shown = [*range(8), *wrong[:8].tolist()]
fig, axes = plt.subplots(2, 8, figsize=(10, 4))
for ax in axes.flat:
    ax.axis("off")
for ax, i in zip(axes.flat, shown, strict=False):
    ax.imshow(test_images[i, 0].numpy(), cmap="gray_r")
    correct = bool(predicted[i] == test_labels[i])
    ax.set_title(
        f"pred {predicted[i].item()}\ntrue {test_labels[i].item()}",
        color="black" if correct else "red",
        fontsize=9,
    )
fig.suptitle("Top: the first test digits. Bottom: misclassified ones (red).")
fig.tight_layout()
plt.show()
# --8<-- [end:plot_predictions]


# --8<-- [start:exercise_without_batch_norm]
# Continues the previous block.
def digit_net(batch_norm: bool) -> nn.Sequential:
    def norm(channels: int) -> nn.Module:
        return nn.BatchNorm2d(channels) if batch_norm else nn.Identity()

    return nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), norm(16), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), norm(32), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(128, 64), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(64, 10),
    )


torch.set_num_threads(1)
for batch_norm in (True, False):
    torch.manual_seed(0)
    net = digit_net(batch_norm)
    optimizer = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)
    shuffled = DataLoader(  # a fresh loader: both networks see the same batches
        train_set, batch_size=32, shuffle=True, generator=torch.Generator().manual_seed(0)
    )
    history = Trainer(net, optimizer, nn.CrossEntropyLoss()).fit(
        shuffled, val_loader, epochs=2, metric=accuracy
    )
    scores = [f"{acc:.0%}" for acc in history.val_metric]
    print(f"batch_norm={batch_norm!s:<5}  validation accuracy after epochs 1, 2:", scores)
#> batch_norm=True   validation accuracy after epochs 1, 2: ['74%', '83%']
#> batch_norm=False  validation accuracy after epochs 1, 2: ['10%', '19%']
torch.set_num_threads(default_threads)
# --8<-- [end:exercise_without_batch_norm]

# --8<-- [start:exercise_batch_dependence]
# Continues the previous block.
probe = copy.deepcopy(model)
digit = val_images[:1]

with torch.no_grad():
    for mode in ("train", "eval"):
        probe.train(mode == "train")
        probe.dropout.eval()  # no random masks: only BatchNorm can differ
        alone = probe(torch.cat([digit, val_images[1:8]]))[0]
        with_others = probe(torch.cat([digit, val_images[100:107]]))[0]
        same = torch.allclose(alone, with_others)
        print(f"{mode:<5} mode: same logits in both batches: {same}")
#> train mode: same logits in both batches: False
#> eval  mode: same logits in both batches: True
# --8<-- [end:exercise_batch_dependence]

# --8<-- [start:exercise_conv_output_size]
import torch
from torch import nn


def conv_output_size(size: int, kernel: int, padding: int, stride: int) -> int:
    return (size + 2 * padding - kernel) // stride + 1


mnist_batch = torch.zeros(2, 1, 28, 28)
settings = [(3, 0, 1), (3, 1, 1), (5, 2, 2), (4, 1, 2), (7, 0, 3)]
for kernel, padding, stride in settings:
    conv = nn.Conv2d(1, 8, kernel, padding=padding, stride=stride)
    measured = conv(mnist_batch).shape[-1]
    predicted = conv_output_size(28, kernel, padding, stride)
    print(f"kernel {kernel}, padding {padding}, stride {stride}:", predicted, measured)
#> kernel 3, padding 0, stride 1: 26 26
#> kernel 3, padding 1, stride 1: 28 28
#> kernel 5, padding 2, stride 2: 14 14
#> kernel 4, padding 1, stride 2: 14 14
#> kernel 7, padding 0, stride 3: 8 8
# --8<-- [end:exercise_conv_output_size]
