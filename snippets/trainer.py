"""Examples for the Trainer chapter (docs/trainer.md)."""

# --8<-- [start:trainer_class]
import copy
import math
from collections.abc import Callable
from dataclasses import dataclass, field

import torch
from torch import nn
from torch.utils.data import DataLoader

Tensor = torch.Tensor
Metric = Callable[[Tensor, Tensor], float]


@dataclass
class History:
    """What `Trainer.fit` measured, one entry per epoch."""

    epochs: list[int] = field(default_factory=list)
    train_loss: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    train_metric: list[float] = field(default_factory=list)
    val_metric: list[float] = field(default_factory=list)
    best_epoch: int = 0


class Trainer:
    """Trains a model on mini-batches and keeps the weights that do best on validation."""

    def __init__(
        self,
        model: nn.Module,
        optimizer: torch.optim.Optimizer,
        loss_fn: nn.Module,
    ) -> None:
        own = {id(p) for p in model.parameters()}
        trainable = {id(p) for p in model.parameters() if p.requires_grad}
        held = {id(p) for g in optimizer.param_groups for p in g["params"]}
        missing, foreign = len(trainable - held), len(held - own)
        if missing or foreign:
            raise ValueError(
                f"the optimizer lacks {missing} of the model's "
                f"{len(trainable)} trainable tensors and holds {foreign} "
                "foreign ones; create it from this model's parameters()"
            )
        self.model = model
        self.optimizer = optimizer
        self.loss_fn = loss_fn

    def train_epoch(self, loader: DataLoader) -> None:
        """One pass over the training data: an update for every mini-batch."""
        self.model.train()
        for x, y in loader:
            self.optimizer.zero_grad()
            loss = self.loss_fn(self.model(x), y)
            loss.backward()
            self.optimizer.step()

    def evaluate(
        self, loader: DataLoader, metric: Metric | None = None
    ) -> tuple[float, float | None]:
        """The loss (and metric) over a whole loader, in evaluation mode."""
        self.model.eval()
        with torch.no_grad():
            pairs = [(self.model(x), y) for x, y in loader]
            outputs = torch.cat([output for output, _ in pairs])
            targets = torch.cat([y for _, y in pairs])
            loss = self.loss_fn(outputs, targets).item()
            score = metric(outputs, targets) if metric is not None else None
        self.model.train()
        return loss, score

    def fit(
        self,
        train_loader: DataLoader,
        val_loader: DataLoader,
        epochs: int = 100,
        metric: Metric | None = None,
        patience: int | None = None,
    ) -> History:
        """Train, validate after every epoch, and end with the best epoch's weights."""
        # The training samples again, for measuring only: an evaluation needs no shuffling.
        train_in_order = DataLoader(
            train_loader.dataset,
            batch_size=train_loader.batch_size,
            collate_fn=train_loader.collate_fn,
        )
        history = History()
        best_loss, best_weights = math.inf, None
        for epoch in range(1, epochs + 1):
            self.train_epoch(train_loader)
            # Both sets measured the same way, with the weights this epoch produced.
            train_loss, train_score = self.evaluate(train_in_order, metric)
            val_loss, val_score = self.evaluate(val_loader, metric)
            history.epochs.append(epoch)
            history.train_loss.append(train_loss)
            history.val_loss.append(val_loss)
            if metric is not None:
                history.train_metric.append(train_score)
                history.val_metric.append(val_score)
            if val_loss < best_loss:
                best_loss, history.best_epoch = val_loss, epoch
                best_weights = copy.deepcopy(self.model.state_dict())
            elif patience is not None and epoch - history.best_epoch >= patience:
                break  # early stopping: no better validation loss for `patience` epochs
        if best_weights is not None:
            self.model.load_state_dict(best_weights)
        return history
# --8<-- [end:trainer_class]


# Importing this module (the convolutional networks chapter does) only defines
# the Trainer; the examples below run when the file runs as a script.
if __name__ == "__main__":
    # --8<-- [start:minibatches_from_a_data_loader]
    # Continues the previous block.
    from torch.utils.data import TensorDataset

    features = torch.arange(10.0).unsqueeze(1)
    targets = torch.arange(10.0)  # each target is its sample's position
    dataset = TensorDataset(features, targets)
    loader = DataLoader(
        dataset, batch_size=4, shuffle=True, generator=torch.Generator().manual_seed(0)
    )

    print(len(dataset), "samples,", len(loader), "batches per epoch")
    #> 10 samples, 3 batches per epoch
    for epoch in (1, 2):
        print(f"epoch {epoch}:", [y.int().tolist() for _, y in loader])
    #> epoch 1: [[3, 7, 5, 2], [0, 8, 1, 6], [9, 4]]
    #> epoch 2: [[1, 3, 2, 7], [5, 9, 0, 6], [4, 8]]
    # --8<-- [end:minibatches_from_a_data_loader]

    # --8<-- [start:optimizer_must_hold_model_parameters]
    # Continues the previous block.
    torch.manual_seed(0)
    model = nn.Linear(10, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    model = nn.Linear(10, 1)  # a new model; the optimizer holds the old one's

    try:
        Trainer(model, optimizer, nn.MSELoss())
    except ValueError as error:
        print(error)
    #> the optimizer lacks 2 of the model's 2 trainable tensors and holds 2 foreign ones; create it from this model's parameters()

    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    trainer = Trainer(model, optimizer, nn.MSELoss())
    print("accepted the optimizer built from model.parameters()")
    #> accepted the optimizer built from model.parameters()
    # --8<-- [end:optimizer_must_hold_model_parameters]

    # --8<-- [start:mismatched_lengths_rejected]
    # Continues the previous block.
    inputs = torch.randn(100, 10)
    targets = torch.randn(99, 1)  # one row short

    try:
        TensorDataset(inputs, targets)
    except AssertionError as error:
        print(error)
    #> Size mismatch between tensors
    # --8<-- [end:mismatched_lengths_rejected]

    # --8<-- [start:prepare_diabetes]
    # Continues the previous block.
    from sklearn.datasets import load_diabetes
    from torch.utils.data import random_split

    features, target = load_diabetes(return_X_y=True)
    x = torch.tensor(features, dtype=torch.float32)
    y = torch.tensor(target, dtype=torch.float32).unsqueeze(1)
    print(tuple(x.shape), tuple(y.shape), f"target from {y.min():.0f} to {y.max():.0f}")
    #> (442, 10) (442, 1) target from 25 to 346

    # 60 % to train on, 20 % to validate with, 20 % to test once at the end.
    # Splitting the row numbers lets the statistics below use the training rows only.
    splitter = torch.Generator().manual_seed(0)
    parts = random_split(range(len(x)), [0.6, 0.2, 0.2], generator=splitter)
    train_rows, val_rows, test_rows = (part.indices for part in parts)

    x_mean, x_std = x[train_rows].mean(dim=0), x[train_rows].std(dim=0)
    y_mean, y_std = y[train_rows].mean(), y[train_rows].std()
    x, t = (x - x_mean) / x_std, (y - y_mean) / y_std
    print(f"training target: mean {y_mean:.1f}, standard deviation {y_std:.1f}")
    #> training target: mean 154.7, standard deviation 76.9

    train_set = TensorDataset(x[train_rows], t[train_rows])
    val_set = TensorDataset(x[val_rows], t[val_rows])
    test_set = TensorDataset(x[test_rows], t[test_rows])
    print(len(train_set), len(val_set), len(test_set))
    #> 266 88 88

    train_loader = DataLoader(
        train_set, batch_size=32, shuffle=True, generator=torch.Generator().manual_seed(0)
    )
    val_loader = DataLoader(val_set, batch_size=128)
    test_loader = DataLoader(test_set, batch_size=128)
    print(len(train_loader), "training batches,", len(val_loader), "validation batch")
    #> 9 training batches, 1 validation batch
    # --8<-- [end:prepare_diabetes]

    # --8<-- [start:fit_diabetes]
    # Continues the previous block.
    def rmse_in_target_units(outputs: torch.Tensor, targets: torch.Tensor) -> float:
        """Root mean squared error, scaled back from standardised units."""
        return ((outputs - targets).pow(2).mean().sqrt() * y_std).item()


    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(10, 128), nn.ReLU(), nn.Linear(128, 1))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    trainer = Trainer(model, optimizer, nn.MSELoss())

    history = trainer.fit(
        train_loader, val_loader, epochs=200, patience=20, metric=rmse_in_target_units
    )
    last = history.epochs[-1]
    for epoch in [1, *range(10, last, 10), last]:
        i = epoch - 1
        print(
            f"epoch {epoch:2d}  train {history.train_loss[i]:.3f}  "
            f"validation {history.val_loss[i]:.3f}  RMSE {history.val_metric[i]:.1f}"
        )
    #> epoch  1  train 0.763  validation 0.700  RMSE 64.3
    #> epoch 10  train 0.508  validation 0.488  RMSE 53.7
    #> epoch 20  train 0.484  validation 0.477  RMSE 53.1
    #> epoch 30  train 0.475  validation 0.465  RMSE 52.5
    #> epoch 40  train 0.459  validation 0.476  RMSE 53.1
    #> epoch 49  train 0.448  validation 0.470  RMSE 52.7
    best = history.best_epoch - 1
    print(
        f"stopped after epoch {last}, kept epoch {history.best_epoch}: "
        f"validation {history.val_loss[best]:.3f}  RMSE {history.val_metric[best]:.1f}"
    )
    #> stopped after epoch 49, kept epoch 29: validation 0.463  RMSE 52.3

    val_targets = val_set.tensors[1]
    always_the_mean = rmse_in_target_units(torch.zeros_like(val_targets), val_targets)
    print(f"predicting the training mean instead: validation RMSE {always_the_mean:.1f}")
    #> predicting the training mean instead: validation RMSE 74.0
    # --8<-- [end:fit_diabetes]

    # --8<-- [start:plot_loss_curves]
    # Continues the previous block.
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.plot(history.epochs, history.train_loss, label="training set")
    ax.plot(history.epochs, history.val_loss, label="validation set")
    ax.axvline(history.best_epoch, color="gray", linestyle=":", label="best epoch (kept)")
    ax.set_xlabel("epoch")
    ax.set_ylabel("MSE on the standardised target")
    ax.legend()
    fig.tight_layout()
    plt.show()
    # --8<-- [end:plot_loss_curves]

    # --8<-- [start:test_once]
    # Continues the previous block.
    test_loss, test_rmse = trainer.evaluate(test_loader, rmse_in_target_units)
    print(f"test: loss {test_loss:.3f}  RMSE {test_rmse:.1f}")
    #> test: loss 0.466  RMSE 52.5
    # --8<-- [end:test_once]

    # --8<-- [start:exercise_linear_model]
    # Continues the previous block.
    torch.manual_seed(0)
    linear = nn.Linear(10, 1)
    optimizer = torch.optim.SGD(linear.parameters(), lr=0.01)
    loader = DataLoader(
        train_set, batch_size=32, shuffle=True, generator=torch.Generator().manual_seed(0)
    )
    linear_history = Trainer(linear, optimizer, nn.MSELoss()).fit(
        loader, val_loader, epochs=200, patience=20, metric=rmse_in_target_units
    )
    for name, h in [("network", history), ("linear", linear_history)]:
        rmse = h.val_metric[h.best_epoch - 1]
        print(f"{name:<8} best epoch {h.best_epoch:2d}, validation RMSE {rmse:.1f}")
    #> network  best epoch 29, validation RMSE 52.3
    #> linear   best epoch 24, validation RMSE 52.1
    # --8<-- [end:exercise_linear_model]

    # --8<-- [start:exercise_same_seed_same_history]
    # Continues the previous block.
    def short_run(shuffle_seed: int) -> list[float]:
        torch.manual_seed(0)
        net = nn.Sequential(nn.Linear(10, 128), nn.ReLU(), nn.Linear(128, 1))
        optimizer = torch.optim.SGD(net.parameters(), lr=0.01)
        shuffled = DataLoader(
            train_set, batch_size=32, shuffle=True,
            generator=torch.Generator().manual_seed(shuffle_seed),
        )
        history = Trainer(net, optimizer, nn.MSELoss()).fit(shuffled, val_loader, epochs=5)
        return history.val_loss


    print(short_run(shuffle_seed=0) == short_run(shuffle_seed=0))
    #> True
    print(short_run(shuffle_seed=0) == short_run(shuffle_seed=1))
    #> False
    # --8<-- [end:exercise_same_seed_same_history]

    # --8<-- [start:exercise_frozen_layer]
    # Continues the previous block.
    torch.manual_seed(0)
    net = nn.Sequential(nn.Linear(10, 128), nn.ReLU(), nn.Linear(128, 1))
    net[0].requires_grad_(False)  # freeze the hidden layer

    trainable = [p for p in net.parameters() if p.requires_grad]
    Trainer(net, torch.optim.SGD(trainable, lr=0.01), nn.MSELoss())
    print("accepted:", len(trainable), "trainable tensors in the optimizer")
    #> accepted: 2 trainable tensors in the optimizer

    try:
        Trainer(net, torch.optim.SGD([net[2].weight], lr=0.01), nn.MSELoss())
    except ValueError as error:
        print(error)
    #> the optimizer lacks 1 of the model's 2 trainable tensors and holds 0 foreign ones; create it from this model's parameters()
    # --8<-- [end:exercise_frozen_layer]
