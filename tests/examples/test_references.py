"""Naming what a block uses of torch: resolved against the objects it ran with, never guessed."""

import pytest

from sitetools.examples.blocks import Block
from sitetools.examples.references import block_references, code_references


def ran(code: str) -> tuple[str, ...]:
    """The references of some code, resolved against the namespace it leaves behind."""
    namespace: dict = {"__name__": "__main__"}
    exec(compile(code, "<block>", "exec"), namespace)
    return code_references(code, namespace)


def test_a_method_on_a_tensor_is_a_tensor_method():
    code = "import torch\nx = torch.zeros(3)\ntotal = x.sum()\nshape = x.shape\n"
    assert ran(code) == ("torch.zeros", "torch.Tensor.sum", "torch.Tensor.shape")


@pytest.mark.parametrize("imports", ["import torch.nn as nn", "from torch import nn"])
def test_an_nn_class_is_named_where_torch_exports_it_under_any_alias(imports):
    code = f"{imports}\nlayer = nn.Linear(2, 3)\nweights = list(layer.parameters())\n"
    # Linear is defined in torch.nn.modules.linear; parameters() is nn.Module's.
    assert ran(code) == ("torch.nn.Linear", "torch.nn.Module.parameters")


def test_functional_optimizers_and_data_are_named_by_their_public_modules():
    code = (
        "import torch\n"
        "import torch.nn.functional as F\n"
        "from torch.utils.data import DataLoader, TensorDataset\n"
        "weight = torch.nn.Parameter(torch.ones(2))\n"
        "optimizer = torch.optim.SGD([weight], lr=0.1)\n"
        "optimizer.zero_grad()\n"
        "F.relu(weight).sum().backward()\n"
        "optimizer.step()\n"
        "loader = DataLoader(TensorDataset(torch.arange(4)), batch_size=2)\n"
    )
    assert ran(code) == (
        "torch.nn.Parameter",
        "torch.ones",
        "torch.optim.SGD",
        "torch.optim.Optimizer.zero_grad",  # inherited: documented on Optimizer
        "torch.nn.functional.relu",
        "torch.optim.SGD.step",  # SGD's own
        "torch.utils.data.DataLoader",
        "torch.utils.data.TensorDataset",
        "torch.arange",
    )


def test_user_defined_names_and_other_libraries_are_left_out():
    code = (
        "import numpy as np\n"
        "import torch\n"
        "from torch import nn\n"
        "class Net(nn.Module):\n"
        "    def forward(self, x):\n"
        "        return x * 2\n"
        "def helper(values):\n"
        "    return np.asarray(values)\n"
        "net = Net()\n"
        "out = net.forward(torch.ones(1))\n"
        "array = helper([1, 2])\n"
        "net.train()\n"
    )
    assert ran(code) == ("torch.nn.Module", "torch.ones", "torch.nn.Module.train")


def test_each_name_once_in_first_use_order():
    code = (
        "import torch\nb = torch.ones(2)\na = torch.zeros(2)\nc = torch.ones(3)\nb.sum(), a.sum()\n"
    )
    assert ran(code) == ("torch.ones", "torch.zeros", "torch.Tensor.sum")


def test_a_name_the_block_replaces_later_is_not_resolved_with_its_last_value():
    # When `x.mean` ran, x was a NumPy array; at the end of the block it is a tensor.
    code = "import numpy as np\nimport torch\nx = np.ones(3)\nm = x.mean()\nx = torch.tensor(x)\n"
    assert ran(code) == ("torch.tensor",)


def test_a_function_reads_a_global_when_called_so_only_a_global_bound_twice_is_unknown():
    code = (
        "import torch\n"
        "def step():\n"
        "    optimizer.zero_grad()\n"
        "    return total.sum()\n"
        "total = torch.ones(2)\n"
        "optimizer = torch.optim.SGD([torch.nn.Parameter(total)], lr=0.1)\n"
        "step()\n"
        "total = 0.0\n"
    )
    # `total` was a tensor when step() ran and a float at the end: it is left out.
    assert ran(code) == (
        "torch.optim.Optimizer.zero_grad",
        "torch.ones",
        "torch.optim.SGD",
        "torch.nn.Parameter",
    )


def test_function_locals_are_resolved_only_through_annotations_or_self():
    code = (
        "import torch\n"
        "from torch import nn\n"
        "def known(t: torch.Tensor):\n"
        "    return t.sum()\n"
        "def unknown(t):\n"
        "    return t.mean()\n"
        "class Net(nn.Module):\n"
        "    def count(self):\n"
        "        return len(list(self.parameters()))\n"
        "t = torch.ones(2)\n"
        "known(t), unknown(t), Net().count()\n"
    )
    assert ran(code) == (
        "torch.Tensor",
        "torch.Tensor.sum",
        "torch.nn.Module",
        "torch.nn.Module.parameters",
        "torch.ones",
    )


def test_what_torch_does_not_document_is_left_out():
    # torch.relu and Tensor.dtype have no docstring, and so no reference page.
    assert ran("import torch\nx = torch.relu(torch.ones(1))\nkind = x.dtype\n") == ("torch.ones",)


def test_a_block_run_by_a_command_is_resolved_from_its_imports():
    code = (
        "# Run with: torchrun --nproc_per_node=2 train.py\n"
        "import torch\n"
        "import torch.distributed as dist\n"
        "from model import Net\n"  # the program's own module, beside it where it runs
        "def main():\n"
        "    dist.init_process_group('gloo')\n"
        "    print(torch.ones(1) * dist.get_rank())\n"
        "if __name__ == '__main__':\n"
        "    main()\n"
    )
    block = Block(code, "train.py", range(1, 10))
    assert block.command
    assert block_references(block, {}) == (
        "torch.distributed.init_process_group",
        "torch.ones",
        "torch.distributed.get_rank",
    )
