"""Examples for the Trainer chapter (docs/trainer.md)."""

# --8<-- [start:trainer_class]
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import torch
from torch import nn

Tensor = torch.Tensor
Metric = Callable[[Tensor, Tensor], float]


@dataclass
class History:
    """What `Trainer.fit` measured, one entry per evaluation."""

    epochs: list[int] = field(default_factory=list)
    train_loss: list[float] = field(default_factory=list)
    test_loss: list[float] = field(default_factory=list)
    test_metric: list[float] = field(default_factory=list)


class Trainer:
    """Trains a model on mini-batches and evaluates it on held-out data."""

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

    @staticmethod
    def batches(
        x: Tensor, y: Tensor, batch_size: int, generator: torch.Generator
    ) -> Iterator[tuple[Tensor, Tensor]]:
        """Yield (inputs, targets) mini-batches in a new random order."""
        order = torch.randperm(len(x), generator=generator)
        for start in range(0, len(x), batch_size):
            chosen = order[start : start + batch_size]
            yield x[chosen], y[chosen]

    def evaluate(
        self, x: Tensor, y: Tensor, metric: Metric | None = None
    ) -> tuple[float, float | None]:
        """The loss (and metric) on data the model does not train on."""
        self.model.eval()
        with torch.no_grad():
            outputs = self.model(x)
            loss = self.loss_fn(outputs, y).item()
            score = metric(outputs, y) if metric is not None else None
        self.model.train()
        return loss, score

    def fit(
        self,
        x_train: Tensor,
        y_train: Tensor,
        x_test: Tensor,
        y_test: Tensor,
        epochs: int = 100,
        batch_size: int = 32,
        eval_every: int = 10,
        seed: int = 0,
        metric: Metric | None = None,
    ) -> History:
        for split, x, y in [
            ("train", x_train, y_train),
            ("test", x_test, y_test),
        ]:
            if len(x) != len(y):
                raise ValueError(
                    f"x_{split} has {len(x)} samples but y_{split} has {len(y)}"
                )
        generator = torch.Generator().manual_seed(seed)
        history = History()
        self.model.train()
        for epoch in range(1, epochs + 1):
            total, seen = 0.0, 0
            for x, y in self.batches(x_train, y_train, batch_size, generator):
                self.optimizer.zero_grad()
                loss = self.loss_fn(self.model(x), y)
                loss.backward()
                self.optimizer.step()
                total += loss.item() * len(x)
                seen += len(x)
            if epoch % eval_every == 0 or epoch == epochs:
                test_loss, score = self.evaluate(x_test, y_test, metric)
                history.epochs.append(epoch)
                history.train_loss.append(total / seen)
                history.test_loss.append(test_loss)
                if score is not None:
                    history.test_metric.append(score)
        return history
# --8<-- [end:trainer_class]


# Importing this module (the convolutional networks chapter does) only defines
# the Trainer; the examples below run when the file runs as a script.
if __name__ == "__main__":
    # --8<-- [start:minibatches_from_a_generator]
    # Continues the previous block.
    features = torch.arange(10.0).unsqueeze(1)
    targets = torch.arange(10.0)
    generator = torch.Generator().manual_seed(0)

    for epoch in (1, 2):
        batches = Trainer.batches(features, targets, 4, generator)
        print(f"epoch {epoch}:", [y.int().tolist() for _, y in batches])
    #> epoch 1: [[4, 1, 7, 5], [3, 9, 0, 8], [6, 2]]
    #> epoch 2: [[3, 9, 4, 2], [7, 8, 6, 0], [5, 1]]
    # --8<-- [end:minibatches_from_a_generator]

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
    x = torch.randn(100, 10)
    y = torch.randn(99, 1)

    try:
        trainer.fit(x, y, x[:20], y[:20], epochs=1)
    except ValueError as error:
        print(error)
    #> x_train has 100 samples but y_train has 99
    # --8<-- [end:mismatched_lengths_rejected]

    # --8<-- [start:prepare_diabetes]
    # Continues the previous block.
    from sklearn.datasets import load_diabetes
    from sklearn.model_selection import train_test_split

    features, target = load_diabetes(return_X_y=True)
    x_train, x_test, y_train, y_test = train_test_split(
        features, target, test_size=0.2, random_state=0
    )
    x_train = torch.tensor(x_train, dtype=torch.float32)
    x_test = torch.tensor(x_test, dtype=torch.float32)
    y_train = torch.tensor(y_train, dtype=torch.float32).unsqueeze(1)
    y_test = torch.tensor(y_test, dtype=torch.float32).unsqueeze(1)

    x_mean, x_std = x_train.mean(dim=0), x_train.std(dim=0)
    y_mean, y_std = y_train.mean(), y_train.std()
    x_train, x_test = (x_train - x_mean) / x_std, (x_test - x_mean) / x_std
    t_train, t_test = (y_train - y_mean) / y_std, (y_test - y_mean) / y_std

    print(tuple(x_train.shape), tuple(t_train.shape), tuple(x_test.shape))
    #> (353, 10) (353, 1) (89, 10)
    print(f"target: mean {y_mean:.1f}, standard deviation {y_std:.1f}")
    #> target: mean 151.6, standard deviation 78.4
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
        x_train, t_train, x_test, t_test,
        epochs=60, batch_size=32, eval_every=5, seed=0,
        metric=rmse_in_target_units,
    )
    for epoch, train_loss, test_loss, rmse in zip(
        history.epochs, history.train_loss, history.test_loss,
        history.test_metric, strict=True,
    ):
        if epoch % 20 == 0 or epoch == 5:
            print(
                f"epoch {epoch:2d}  train {train_loss:.3f}  "
                f"test {test_loss:.3f}  RMSE {rmse:.1f}"
            )
    #> epoch  5  train 0.493  test 0.658  RMSE 63.6
    #> epoch 20  train 0.433  test 0.562  RMSE 58.8
    #> epoch 40  train 0.418  test 0.584  RMSE 59.9
    #> epoch 60  train 0.393  test 0.643  RMSE 62.9

    always_the_mean = rmse_in_target_units(torch.zeros_like(t_test), t_test)
    print(f"predicting the training mean instead: RMSE {always_the_mean:.1f}")
    #> predicting the training mean instead: RMSE 71.7
    # --8<-- [end:fit_diabetes]

    # --8<-- [start:plot_loss_curves]
    # Continues the previous block.
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.plot(history.epochs, history.train_loss, "o-", label="train (epoch mean)")
    ax.plot(history.epochs, history.test_loss, "o-", label="test (after the epoch)")
    ax.set_xlabel("epoch")
    ax.set_ylabel("MSE on the standardised target")
    ax.legend()
    fig.tight_layout()
    plt.show()
    # --8<-- [end:plot_loss_curves]

    # --8<-- [start:exercise_linear_model]
    # Continues the previous block.
    torch.manual_seed(0)
    linear = nn.Linear(10, 1)
    optimizer = torch.optim.SGD(linear.parameters(), lr=0.01)
    history = Trainer(linear, optimizer, nn.MSELoss()).fit(
        x_train, t_train, x_test, t_test,
        epochs=60, eval_every=20, metric=rmse_in_target_units,
    )
    rmse_by_epoch = [round(rmse, 1) for rmse in history.test_metric]
    print("linear model, test RMSE at epochs 20, 40, 60:", rmse_by_epoch)
    #> linear model, test RMSE at epochs 20, 40, 60: [57.9, 58.9, 60.4]
    # --8<-- [end:exercise_linear_model]

    # --8<-- [start:exercise_same_seed_same_history]
    # Continues the previous block.
    def short_run(shuffle_seed: int) -> list[float]:
        torch.manual_seed(0)
        net = nn.Sequential(nn.Linear(10, 128), nn.ReLU(), nn.Linear(128, 1))
        optimizer = torch.optim.SGD(net.parameters(), lr=0.01)
        history = Trainer(net, optimizer, nn.MSELoss()).fit(
            x_train, t_train, x_test, t_test,
            epochs=5, eval_every=1, seed=shuffle_seed,
        )
        return history.test_loss


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
