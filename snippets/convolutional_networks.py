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

# --8<-- [start:train_convnet]
# Continues the previous block.
import time

from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

digits = load_digits()
images = torch.tensor(digits.images, dtype=torch.float32).unsqueeze(1) / 16
labels = torch.tensor(digits.target)
x_train, x_test, y_train, y_test = train_test_split(
    images, labels, test_size=0.2, stratify=labels, random_state=0
)


def accuracy(logits: torch.Tensor, targets: torch.Tensor) -> float:
    return (logits.argmax(dim=1) == targets).float().mean().item()


default_threads = torch.get_num_threads()
torch.set_num_threads(1)  # fast enough, and the same result on any machine

torch.manual_seed(0)
model = ConvNet()
optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
trainer = Trainer(model, optimizer, nn.CrossEntropyLoss())

start = time.process_time()
history = trainer.fit(
    x_train, y_train, x_test, y_test,
    epochs=12, batch_size=32, eval_every=3, seed=0, metric=accuracy,
)
seconds = time.process_time() - start
torch.set_num_threads(default_threads)

for epoch, train_loss, test_loss, acc in zip(
    history.epochs, history.train_loss, history.test_loss,
    history.test_metric, strict=True,
):
    print(
        f"epoch {epoch:2d}  train {train_loss:.3f}  "
        f"test {test_loss:.3f}  accuracy {acc:.1%}"
    )
#> epoch  3  train 0.348  test 0.190  accuracy 95.6%
#> epoch  6  train 0.120  test 0.036  accuracy 99.4%
#> epoch  9  train 0.063  test 0.022  accuracy 100.0%
#> epoch 12  train 0.050  test 0.037  accuracy 98.6%
print(f"test accuracy: {history.test_metric[-1]:.1%} on {len(y_test)} digits")
#> test accuracy: 98.6% on 360 digits
print(f"training used {seconds:.1f} s of CPU time")
#> training used ... s of CPU time
# --8<-- [end:train_convnet]

# --8<-- [start:eval_mode_is_deterministic]
# Continues the previous block.
import copy

# A copy: train-mode passes would update the model's BatchNorm statistics.
probe = copy.deepcopy(model)
sample = x_test[:8]

with torch.no_grad():
    for mode in ("train", "eval"):
        probe.train(mode == "train")
        same = torch.equal(probe(sample), probe(sample))
        print(f"{mode:<5} mode: same input twice, same output: {same}")
#> train mode: same input twice, same output: False
#> eval  mode: same input twice, same output: True
# --8<-- [end:eval_mode_is_deterministic]

# --8<-- [start:plot_predictions]
# Continues the previous block.
import matplotlib.pyplot as plt

model.eval()
with torch.no_grad():
    predicted = model(x_test).argmax(dim=1)

wrong = (predicted != y_test).nonzero().flatten()
print(f"{len(wrong)} of {len(y_test)} test digits misclassified")
#> 5 of 360 test digits misclassified
pairs = [(y_test[i].item(), predicted[i].item()) for i in wrong]
print("(true, predicted):", pairs)
#> (true, predicted): [(8, 1), (8, 1), (8, 9), (2, 1), (9, 1)]

shown = [*range(8), *wrong[:8].tolist()]
fig, axes = plt.subplots(2, 8, figsize=(10, 4))
for ax in axes.flat:
    ax.axis("off")
for ax, i in zip(axes.flat, shown, strict=False):
    ax.imshow(x_test[i, 0].numpy(), cmap="gray_r")
    correct = bool(predicted[i] == y_test[i])
    ax.set_title(
        f"pred {predicted[i].item()}\ntrue {y_test[i].item()}",
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
    history = Trainer(net, optimizer, nn.CrossEntropyLoss()).fit(
        x_train, y_train, x_test, y_test, epochs=2, eval_every=1, metric=accuracy
    )
    scores = [f"{acc:.0%}" for acc in history.test_metric]
    print(f"batch_norm={batch_norm!s:<5}  accuracy after epochs 1, 2:", scores)
#> batch_norm=True   accuracy after epochs 1, 2: ['86%', '96%']
#> batch_norm=False  accuracy after epochs 1, 2: ['10%', '12%']
torch.set_num_threads(default_threads)
# --8<-- [end:exercise_without_batch_norm]

# --8<-- [start:exercise_batch_dependence]
# Continues the previous block.
probe = copy.deepcopy(model)
digit = x_test[:1]

with torch.no_grad():
    for mode in ("train", "eval"):
        probe.train(mode == "train")
        probe.dropout.eval()  # no random masks: only BatchNorm can differ
        alone = probe(torch.cat([digit, x_test[1:8]]))[0]
        with_others = probe(torch.cat([digit, x_test[100:107]]))[0]
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
