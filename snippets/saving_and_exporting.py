"""Examples for the Saving, loading and exporting chapter (docs/saving-and-exporting.md)."""

# --8<-- [start:state_dict_contents]
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(
    nn.Linear(4, 16),
    nn.BatchNorm1d(16),
    nn.ReLU(),
    nn.Linear(16, 3),
)

state = model.state_dict()
print(type(state).__name__)
#> OrderedDict
for name, tensor in state.items():
    print(f"{name:<22} {tuple(tensor.shape)}")
#> 0.weight               (16, 4)
#> 0.bias                 (16,)
#> 1.weight               (16,)
#> 1.bias                 (16,)
#> 1.running_mean         (16,)
#> 1.running_var          (16,)
#> 1.num_batches_tracked  ()
#> 3.weight               (3, 16)
#> 3.bias                 (3,)

print(f"{len(list(model.parameters()))} parameters, {len(list(model.buffers()))} buffers")
#> 6 parameters, 3 buffers
# --8<-- [end:state_dict_contents]

# --8<-- [start:state_dict_shares_memory]
import copy

import torch
from torch import nn

torch.manual_seed(0)
model = nn.Linear(2, 1)
snapshot = model.state_dict()  # refers to the model's own tensors
frozen = copy.deepcopy(model.state_dict())  # a copy of its own

with torch.no_grad():
    model.weight.add_(1.0)  # an in-place update, like optimizer.step()

print(torch.equal(snapshot["weight"], model.weight))
#> True
print(torch.equal(frozen["weight"], model.weight))
#> False
print(snapshot["weight"].requires_grad)
#> False
# --8<-- [end:state_dict_shares_memory]

# --8<-- [start:save_and_load_state_dict]
import tempfile
from pathlib import Path

import torch
from sklearn.datasets import load_iris
from sklearn.preprocessing import StandardScaler
from torch import nn

features, labels = load_iris(return_X_y=True)
x = torch.tensor(StandardScaler().fit_transform(features), dtype=torch.float32)
y = torch.tensor(labels)


def make_model():
    return nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 3))


# A short training run, so that there is something worth saving.
torch.manual_seed(0)
model = make_model()
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
for _ in range(100):
    optimizer.zero_grad()
    nn.functional.cross_entropy(model(x), y).backward()
    optimizer.step()
model.eval()

with tempfile.TemporaryDirectory() as folder:
    path = Path(folder) / "iris_classifier.pt"
    torch.save(model.state_dict(), path)
    saved = torch.load(path, weights_only=True)

restored = make_model()  # the same architecture, with new random weights
print(restored.load_state_dict(saved))
#> <All keys matched successfully>

restored.eval()
with torch.no_grad():
    same = torch.equal(model(x), restored(x))
    accuracy = (restored(x).argmax(dim=1) == y).float().mean()
print(same)
#> True
print(f"training accuracy of the restored model: {accuracy:.3f}")
#> training accuracy of the restored model: 0.973
# --8<-- [end:save_and_load_state_dict]

# --8<-- [start:eval_after_loading]
import tempfile
from pathlib import Path

import torch
from torch import nn


def make_model():
    return nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Dropout(0.5), nn.Linear(16, 3))


torch.manual_seed(0)
model = make_model().eval()
x = torch.randn(5, 4)

with tempfile.TemporaryDirectory() as folder:
    path = Path(folder) / "weights.pt"
    torch.save(model.state_dict(), path)
    restored = make_model()
    restored.load_state_dict(torch.load(path))

print(restored.training)  # every new module starts in training mode
#> True

with torch.no_grad():
    before = torch.equal(model(x), restored(x))  # dropout is still at work
    restored.eval()
    after = torch.equal(model(x), restored(x))
print(f"same outputs before eval(): {before}, after eval(): {after}")
#> same outputs before eval(): False, after eval(): True
# --8<-- [end:eval_after_loading]

# --8<-- [start:weights_only_refuses_whole_model]
import pickle
import tempfile
from pathlib import Path

import torch
from torch import nn

model = nn.Sequential(nn.Linear(4, 3))

with tempfile.TemporaryDirectory() as folder:
    path = Path(folder) / "whole_model.pt"
    torch.save(model, path)  # pickles the module object, not only its tensors

    try:
        torch.load(path)  # weights_only=True is the default
    except pickle.UnpicklingError as error:
        refusal = str(error)

    trusted = torch.load(path, weights_only=False)  # only for a file you trust

reason = next(line for line in refusal.splitlines() if "Unsupported global" in line)
print(reason.strip().split(". ")[0])
#> WeightsUnpickler error: Unsupported global: GLOBAL torch.nn.modules.container.Sequential was not an allowed global by default
print(type(trusted).__name__)
#> Sequential
# --8<-- [end:weights_only_refuses_whole_model]

# --8<-- [start:checkpoint_resume]
import tempfile
from pathlib import Path

import torch
from sklearn.datasets import load_iris
from sklearn.preprocessing import StandardScaler
from torch import nn

features, labels = load_iris(return_X_y=True)
x = torch.tensor(StandardScaler().fit_transform(features), dtype=torch.float32)
y = torch.tensor(labels)


def make_model_and_optimizer():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 3))
    return model, torch.optim.Adam(model.parameters(), lr=0.01)


def train(model, optimizer, epochs):
    model.train()
    for _ in range(epochs):
        optimizer.zero_grad()
        loss = nn.functional.cross_entropy(model(x), y)
        loss.backward()
        optimizer.step()
    return loss.item()


with tempfile.TemporaryDirectory() as folder:
    path = Path(folder) / "checkpoint.pt"

    # The first run trains 20 epochs and saves a checkpoint after epoch 10.
    model, optimizer = make_model_and_optimizer()
    loss = train(model, optimizer, 10)
    checkpoint = {
        "epoch": 10,
        "model_state_dict": model.state_dict(),
        "optimizer_state_dict": optimizer.state_dict(),
        "loss": loss,
    }
    torch.save(checkpoint, path)
    train(model, optimizer, 10)

    # A second run, perhaps on another day, resumes from the checkpoint.
    resumed_model, resumed_optimizer = make_model_and_optimizer()
    checkpoint = torch.load(path, map_location="cpu")

resumed_model.load_state_dict(checkpoint["model_state_dict"])
resumed_optimizer.load_state_dict(checkpoint["optimizer_state_dict"])
print(list(checkpoint["optimizer_state_dict"]))
#> ['state', 'param_groups']
print(list(checkpoint["optimizer_state_dict"]["state"][0]))
#> ['step', 'exp_avg', 'exp_avg_sq']
print(f"resuming after epoch {checkpoint['epoch']}, loss {checkpoint['loss']:.4f}")
#> resuming after epoch 10, loss 0.7601
train(resumed_model, resumed_optimizer, 20 - checkpoint["epoch"])

print(all(
    torch.equal(a, b)
    for a, b in zip(model.parameters(), resumed_model.parameters(), strict=True)
))
#> True
# --8<-- [end:checkpoint_resume]

# --8<-- [start:export_to_onnx]
import tempfile
from pathlib import Path

import onnx
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 3))
model.eval()

example = torch.randn(2, 4)  # only shows the exporter the shapes and types of the input
onnx_program = torch.onnx.export(
    model,
    (example,),
    input_names=["features"],
    output_names=["logits"],
    dynamic_shapes=({0: torch.export.Dim("batch")},),  # dimension 0 of input 0 may vary
    verbose=False,  # no progress messages
)

folder = tempfile.TemporaryDirectory()
path = Path(folder.name) / "classifier.onnx"
onnx_program.save(path)

onnx_model = onnx.load(path)
onnx.checker.check_model(onnx_model)  # raises an exception if the model is not valid
for value in [*onnx_model.graph.input, *onnx_model.graph.output]:
    dims = [dim.dim_param or dim.dim_value for dim in value.type.tensor_type.shape.dim]
    print(value.name, dims)
#> features ['batch', 4]
#> logits ['batch', 3]
# --8<-- [end:export_to_onnx]

# --8<-- [start:run_with_onnxruntime]
# Continues the previous block.
import numpy as np
import onnxruntime as ort

session = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
for value in session.get_inputs() + session.get_outputs():
    print(value.name, value.shape, value.type)
#> features ['batch', 4] tensor(float)
#> logits ['batch', 3] tensor(float)

batch = torch.randn(5, 4)  # five rows: a batch size the export never saw
(onnx_logits,) = session.run(["logits"], {"features": batch.numpy()})
with torch.no_grad():
    torch_logits = model(batch).numpy()

print(onnx_logits.shape)
#> (5, 3)
print(np.allclose(onnx_logits, torch_logits, atol=1e-5))
#> True
print(f"largest difference: {np.abs(onnx_logits - torch_logits).max():.5f}")
#> largest difference: 0.00000

folder.cleanup()
# --8<-- [end:run_with_onnxruntime]

# --8<-- [start:exercise_strip_module_prefix]
import torch
from torch import nn

torch.manual_seed(0)
wrapped = nn.DataParallel(nn.Linear(4, 2))  # DistributedDataParallel names them the same way
state = wrapped.state_dict()
print(list(state))
#> ['module.weight', 'module.bias']

plain = nn.Linear(4, 2)
try:
    plain.load_state_dict(state)
except RuntimeError as error:
    for line in str(error).splitlines():
        print(line.strip())
#> Error(s) in loading state_dict for Linear:
#> Missing key(s) in state_dict: "weight", "bias".
#> Unexpected key(s) in state_dict: "module.weight", "module.bias".

stripped = {name.removeprefix("module."): tensor for name, tensor in state.items()}
print(plain.load_state_dict(stripped))
#> <All keys matched successfully>
print(torch.equal(plain.weight, wrapped.module.weight))
#> True
# --8<-- [end:exercise_strip_module_prefix]

# --8<-- [start:exercise_resume_without_optimizer_state]
import torch
from sklearn.datasets import load_iris
from sklearn.preprocessing import StandardScaler
from torch import nn

features, labels = load_iris(return_X_y=True)
x = torch.tensor(StandardScaler().fit_transform(features), dtype=torch.float32)
y = torch.tensor(labels)


def make_model_and_optimizer():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 3))
    return model, torch.optim.Adam(model.parameters(), lr=0.01)


def train(model, optimizer, epochs):
    for _ in range(epochs):
        optimizer.zero_grad()
        loss = nn.functional.cross_entropy(model(x), y)
        loss.backward()
        optimizer.step()
    return loss.item()


model, optimizer = make_model_and_optimizer()
train(model, optimizer, 10)
saved_weights = {name: tensor.clone() for name, tensor in model.state_dict().items()}
loss_straight = train(model, optimizer, 10)

resumed_model, fresh_optimizer = make_model_and_optimizer()
resumed_model.load_state_dict(saved_weights)
loss_resumed = train(resumed_model, fresh_optimizer, 10)  # Adam starts from scratch

print(f"without a break: {loss_straight:.4f}")
#> without a break: 0.4456
print(f"fresh optimizer: {loss_resumed:.4f}")
#> fresh optimizer: 0.4340
print(all(
    torch.equal(a, b)
    for a, b in zip(model.parameters(), resumed_model.parameters(), strict=True)
))
#> False
# --8<-- [end:exercise_resume_without_optimizer_state]
