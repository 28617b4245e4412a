"""Examples for the Binary Classification chapter (docs/binary-classification.md)."""

# --8<-- [start:moons_data]
import numpy as np
import torch
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split

points, labels = make_moons(n_samples=500, noise=0.2, random_state=0)
print(points.shape, labels.shape, points.dtype, labels.dtype)
#> (500, 2) (500,) float64 int64
print(points.min().round(1), points.max().round(1))  # the range of both features
#> -1.3 2.3
print(points[:3].round(2), labels[:3])
#> [[ 0.3   0.9 ]
#>  [-0.39  0.49]
#>  [ 0.19  0.11]] [0 1 1]

x_train, x_test, y_train, y_test = train_test_split(
    points, labels, test_size=0.25, random_state=0, stratify=labels
)
print(np.bincount(y_train), np.bincount(y_test))  # stratify keeps the classes balanced
#> [187 188] [63 62]

x_train = torch.tensor(x_train, dtype=torch.float32)
y_train = torch.tensor(y_train, dtype=torch.float32).unsqueeze(1)
print(x_train.shape, x_train.dtype, y_train.shape, y_train.dtype)
#> torch.Size([375, 2]) torch.float32 torch.Size([375, 1]) torch.float32
# --8<-- [end:moons_data]

# --8<-- [start:moons_model]
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(
    nn.Linear(2, 16),
    nn.ReLU(),
    nn.Linear(16, 16),
    nn.ReLU(),
    nn.Linear(16, 1),  # one number per point: the logit
)
print(model)
#> Sequential(
#>   (0): Linear(in_features=2, out_features=16, bias=True)
#>   (1): ReLU()
#>   (2): Linear(in_features=16, out_features=16, bias=True)
#>   (3): ReLU()
#>   (4): Linear(in_features=16, out_features=1, bias=True)
#> )
print(sum(parameter.numel() for parameter in model.parameters()), "parameters")
#> 337 parameters

batch = torch.tensor([[0.0, 0.5], [1.0, -0.5], [2.0, 0.0]])
logits = model(batch)
print(logits.shape)
#> torch.Size([3, 1])
print(logits.detach().squeeze(1))
#> tensor([0.1525, 0.1588, 0.1291])
print(torch.sigmoid(logits).detach().squeeze(1))  # probabilities of class 1
#> tensor([0.5381, 0.5396, 0.5322])
# --8<-- [end:moons_model]

# --8<-- [start:logits_and_bce]
import torch
from torch import nn

# A fair guess and a confident mistake: logit 20 for a point whose label is 0.
logits = torch.tensor([2.0, 20.0], requires_grad=True)
targets = torch.tensor([1.0, 0.0])

probabilities = torch.sigmoid(logits)
print(probabilities.detach())
#> tensor([0.8808, 1.0000])

sigmoid_then_bce = nn.BCELoss(reduction="none")(probabilities, targets)
with_logits = nn.BCEWithLogitsLoss(reduction="none")(logits, targets)
print(sigmoid_then_bce.detach(), with_logits.detach())
#> tensor([  0.1269, 100.0000]) tensor([ 0.1269, 20.0000])

(gradient_after_sigmoid,) = torch.autograd.grad(sigmoid_then_bce.sum(), logits)
(gradient_with_logits,) = torch.autograd.grad(with_logits.sum(), logits)
print(gradient_after_sigmoid, gradient_with_logits)
#> tensor([-0.1192,  0.0000]) tensor([-0.1192,  1.0000])
# --8<-- [end:logits_and_bce]

# --8<-- [start:train_on_moons]
import torch
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split
from torch import nn

points, labels = make_moons(n_samples=500, noise=0.2, random_state=0)
x_train, x_test, y_train, y_test = train_test_split(
    points, labels, test_size=0.25, random_state=0, stratify=labels
)
x_train, x_test = (torch.tensor(x, dtype=torch.float32) for x in (x_train, x_test))
y_train, y_test = (torch.tensor(y, dtype=torch.float32).unsqueeze(1) for y in (y_train, y_test))

torch.manual_seed(0)
model = nn.Sequential(
    nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 1)
)
loss_fn = nn.BCEWithLogitsLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)

model.train()
for epoch in range(1, 201):
    loss = loss_fn(model(x_train), y_train)  # all 375 training points at once
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    if epoch % 50 == 0:
        print(f"epoch {epoch:3d}  loss {loss.item():.4f}")
#> epoch  50  loss 0.2347
#> epoch 100  loss 0.1182
#> epoch 150  loss 0.0813
#> epoch 200  loss 0.0706
# --8<-- [end:train_on_moons]

# --8<-- [start:predict_and_score]
# Continues the previous block.
model.eval()
with torch.no_grad():
    test_logits = model(x_test)
probabilities = torch.sigmoid(test_logits)
predictions = (probabilities > 0.5).float()
print(torch.equal(predictions, (test_logits > 0).float()))
#> True

print("probabilities", " ".join(f"{p:.3f}" for p in probabilities[:5, 0].tolist()))
#> probabilities 0.959 0.250 0.935 0.001 0.878
print("predicted    ", predictions[:5, 0].int().tolist())
#> predicted     [1, 0, 1, 0, 1]
print("true labels  ", y_test[:5, 0].int().tolist())
#> true labels   [1, 0, 1, 0, 1]

correct = (predictions == y_test).sum().item()
print(f"{correct} of {len(y_test)} test points right: accuracy {100 * correct / len(y_test):.1f}%")
#> 123 of 125 test points right: accuracy 98.4%
# --8<-- [end:predict_and_score]

# --8<-- [start:plot_decision_boundary]
# Continues the previous block.
import matplotlib.pyplot as plt

xs = torch.linspace(-2.0, 3.0, 200)
ys = torch.linspace(-1.5, 2.0, 200)
grid_x, grid_y = torch.meshgrid(xs, ys, indexing="xy")
grid = torch.stack([grid_x.flatten(), grid_y.flatten()], dim=1)  # 40,000 points, shape (40000, 2)
with torch.no_grad():
    grid_probabilities = torch.sigmoid(model(grid)).reshape(grid_x.shape)

fig, ax = plt.subplots(figsize=(7, 5))
ax.contourf(grid_x, grid_y, grid_probabilities, levels=[0.0, 0.5, 1.0], colors=["C0", "C1"], alpha=0.25)
ax.contour(grid_x, grid_y, grid_probabilities, levels=[0.5], colors="black")
test_points, test_labels = x_test.numpy(), y_test.squeeze(1).numpy()
for label, colour in ((0, "C0"), (1, "C1")):
    chosen = test_labels == label
    ax.scatter(*test_points[chosen].T, color=colour, edgecolor="black", label=f"test points, label {label}")
ax.set_xlabel("first feature")
ax.set_ylabel("second feature")
ax.set_title("Decision boundary: where the probability crosses 0.5")
ax.legend(loc="upper right")
plt.show()
# --8<-- [end:plot_decision_boundary]

# --8<-- [start:target_shape_and_dtype]
import torch
from torch import nn

loss_fn = nn.BCEWithLogitsLoss()
logits = torch.tensor([[1.5], [-0.3], [2.0], [-2.5]])  # shape (4, 1), as the model gives
labels = torch.tensor([1, 0, 1, 0])  # shape (4,), int64, as make_moons gives

try:
    loss_fn(logits, labels)
except ValueError as error:
    print(error)
#> Target size (torch.Size([4])) must be the same as input size (torch.Size([4, 1]))

try:
    loss_fn(logits, labels.unsqueeze(1))
except RuntimeError as error:
    print(error)
#> result type Float can't be cast to the desired output type Long

targets = labels.float().unsqueeze(1)
print(targets.shape, targets.dtype, f"{loss_fn(logits, targets).item():.4f}")
#> torch.Size([4, 1]) torch.float32 0.2404

predictions = (logits > 0).float()
print((predictions == labels).shape, (predictions == labels).float().mean())  # wrong
#> torch.Size([4, 4]) tensor(0.5000)
print((predictions == targets).shape, (predictions == targets).float().mean())  # right
#> torch.Size([4, 1]) tensor(1.)
# --8<-- [end:target_shape_and_dtype]

# --8<-- [start:exercise_compare_optimizers]
import torch
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split
from torch import nn

points, labels = make_moons(n_samples=500, noise=0.2, random_state=0)
x_train, x_test, y_train, y_test = train_test_split(
    points, labels, test_size=0.25, random_state=0, stratify=labels
)
x_train, x_test = (torch.tensor(x, dtype=torch.float32) for x in (x_train, x_test))
y_train, y_test = (torch.tensor(y, dtype=torch.float32).unsqueeze(1) for y in (y_train, y_test))

settings = {
    "SGD lr=0.01": lambda parameters: torch.optim.SGD(parameters, lr=0.01),
    "SGD lr=0.1, momentum=0.9": lambda parameters: torch.optim.SGD(
        parameters, lr=0.1, momentum=0.9
    ),
}
for name, make_optimizer in settings.items():
    torch.manual_seed(0)
    model = nn.Sequential(
        nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 1)
    )
    loss_fn = nn.BCEWithLogitsLoss()
    optimizer = make_optimizer(model.parameters())
    for _ in range(200):
        loss = loss_fn(model(x_train), y_train)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    model.eval()
    with torch.no_grad():
        accuracy = ((model(x_test) > 0).float() == y_test).float().mean().item()
    print(f"{name:25s} loss {loss.item():.4f}  test accuracy {100 * accuracy:.1f}%")
#> SGD lr=0.01               loss 0.6585  test accuracy 82.4%
#> SGD lr=0.1, momentum=0.9  loss 0.0842  test accuracy 98.4%
# --8<-- [end:exercise_compare_optimizers]

# --8<-- [start:exercise_linear_model]
import torch
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split
from torch import nn

points, labels = make_moons(n_samples=500, noise=0.2, random_state=0)
x_train, x_test, y_train, y_test = train_test_split(
    points, labels, test_size=0.25, random_state=0, stratify=labels
)
x_train, x_test = (torch.tensor(x, dtype=torch.float32) for x in (x_train, x_test))
y_train, y_test = (torch.tensor(y, dtype=torch.float32).unsqueeze(1) for y in (y_train, y_test))

torch.manual_seed(0)
model = nn.Linear(2, 1)  # no hidden layer: the boundary can only be a straight line
loss_fn = nn.BCEWithLogitsLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
for _ in range(200):
    loss = loss_fn(model(x_train), y_train)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

model.eval()
with torch.no_grad():
    accuracy = ((model(x_test) > 0).float() == y_test).float().mean().item()
print(f"loss {loss.item():.4f}  test accuracy {100 * accuracy:.1f}%")
#> loss 0.3977  test accuracy 82.4%
# --8<-- [end:exercise_linear_model]
