"""Examples for the Scaling out chapter (docs/scaling-out.md)."""

import os

# --8<-- [start:data_parallel_on_cpu]
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Linear(4, 2)
wrapped = nn.DataParallel(model)

# Without a GPU there is nothing to spread the work over: the list of devices is empty.
print(wrapped.device_ids)
#> []
print(wrapped.module is model)
#> True

batch = torch.randn(8, 4)
print(torch.equal(wrapped(batch), model(batch)))
#> True

# The wrapper adds a "module." prefix to every name in the state_dict.
print(list(wrapped.state_dict()))
#> ['module.weight', 'module.bias']
# --8<-- [end:data_parallel_on_cpu]

# --8<-- [start:process_group_of_one]
import torch
import torch.distributed as dist

# A group of one process, held together by an in-memory store: no launcher, no network.
dist.init_process_group(backend="gloo", store=dist.HashStore(), rank=0, world_size=1)
print(dist.is_initialized(), dist.get_backend())
#> True gloo
print(f"rank {dist.get_rank()} of world size {dist.get_world_size()}")
#> rank 0 of world size 1

values = torch.tensor([1.0, 2.0, 3.0])
dist.all_reduce(values)  # sums `values` over all processes, in place
print(values)
#> tensor([1., 2., 3.])

dist.destroy_process_group()
print(dist.is_initialized())
#> False
# --8<-- [end:process_group_of_one]

# --8<-- [start:distributed_sampler_split]
from torch.utils.data import DistributedSampler

samples = list(range(10))  # anything with a length works as the data set here

for rank in range(2):
    sampler = DistributedSampler(samples, num_replicas=2, rank=rank, shuffle=False)
    print(f"rank {rank} gets {list(sampler)}")
#> rank 0 gets [0, 2, 4, 6, 8]
#> rank 1 gets [1, 3, 5, 7, 9]
# --8<-- [end:distributed_sampler_split]

# --8<-- [start:distributed_sampler_set_epoch]
from torch.utils.data import DistributedSampler

samples = list(range(10))
samplers = [
    DistributedSampler(samples, num_replicas=2, rank=rank, shuffle=True, seed=0)
    for rank in range(2)
]

for epoch in range(3):
    for sampler in samplers:
        sampler.set_epoch(epoch)  # every rank, every epoch, before iterating
    rank0, rank1 = (list(sampler) for sampler in samplers)
    print(f"epoch {epoch}: rank 0 {rank0}  rank 1 {rank1}  all samples: {sorted(rank0 + rank1) == samples}")
#> epoch 0: rank 0 [4, 7, 3, 0, 6]  rank 1 [1, 5, 9, 8, 2]  all samples: True
#> epoch 1: rank 0 [5, 1, 0, 9, 7]  rank 1 [6, 2, 8, 3, 4]  all samples: True
#> epoch 2: rank 0 [8, 1, 6, 0, 2]  rank 1 [7, 5, 9, 4, 3]  all samples: True
# --8<-- [end:distributed_sampler_set_epoch]

# --8<-- [start:forgot_set_epoch]
from torch.utils.data import DistributedSampler

samples = list(range(10))
sampler = DistributedSampler(samples, num_replicas=2, rank=0, shuffle=True, seed=0)

for epoch in range(3):  # no set_epoch: every epoch repeats the first order
    print(f"epoch {epoch}: {list(sampler)}")
#> epoch 0: [4, 7, 3, 0, 6]
#> epoch 1: [4, 7, 3, 0, 6]
#> epoch 2: [4, 7, 3, 0, 6]
# --8<-- [end:forgot_set_epoch]

if "LOCAL_RANK" in os.environ:
    # --8<-- [start:ddp_train]
    # Run with: torchrun --standalone --nproc_per_node=2 ddp_train.py
    import os
    import time

    import torch
    import torch.distributed as dist
    from sklearn.datasets import make_moons
    from torch import nn
    from torch.nn.parallel import DistributedDataParallel
    from torch.utils.data import DataLoader, DistributedSampler, TensorDataset


    def main():
        # torchrun starts one copy of this script per process and tells each who it is.
        local_rank = int(os.environ["LOCAL_RANK"])
        dist.init_process_group(backend="gloo")  # reads RANK, WORLD_SIZE, MASTER_ADDR, MASTER_PORT
        rank, world_size = dist.get_rank(), dist.get_world_size()

        # Every rank builds the same data set; the sampler hands each rank its own share.
        points, labels = make_moons(n_samples=512, noise=0.2, random_state=0)
        dataset = TensorDataset(
            torch.tensor(points, dtype=torch.float32),
            torch.tensor(labels, dtype=torch.float32).unsqueeze(1),
        )
        sampler = DistributedSampler(dataset, shuffle=True, seed=0)
        loader = DataLoader(dataset, batch_size=32, sampler=sampler)

        # The same seed on every rank gives the same initial weights; DDP also copies
        # rank 0's weights to the other ranks when it wraps the model.
        torch.manual_seed(0)
        model = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 1))
        ddp_model = DistributedDataParallel(model)
        loss_fn = nn.BCEWithLogitsLoss()
        optimizer = torch.optim.Adam(ddp_model.parameters(), lr=0.05)

        if rank == 0:
            print(f"rank {rank} (local rank {local_rank}) of world size {world_size}")
            print(f"each rank trains on {len(sampler)} of the {len(dataset)} samples per epoch")

        for epoch in range(6):
            sampler.set_epoch(epoch)
            totals = torch.zeros(2)  # this rank's summed loss and sample count
            for x, y in loader:
                optimizer.zero_grad()
                loss = loss_fn(ddp_model(x), y)
                loss.backward()  # DDP averages the gradients across ranks here
                optimizer.step()
                totals += torch.tensor([loss.item() * len(x), len(x)])
            dist.all_reduce(totals)  # add up the totals of all ranks
            if rank == 0:
                print(f"epoch {epoch}: mean loss {totals[0] / totals[1]:.4f}")

        # Collect every rank's parameters and compare them.
        flat = torch.nn.utils.parameters_to_vector(model.parameters()).detach()
        everyone = [torch.empty_like(flat) for _ in range(world_size)]
        dist.all_gather(everyone, flat)
        if rank == 0:
            with torch.no_grad():
                predictions = (model(dataset.tensors[0]) > 0).float()
            accuracy = (predictions == dataset.tensors[1]).float().mean()
            print(f"training accuracy: {accuracy:.3f}")
            identical = all(torch.equal(everyone[0], other) for other in everyone[1:])
            print(f"all {world_size} ranks hold identical parameters: {identical}")

        dist.destroy_process_group()
        # gloo's threads let go of the last tensors a moment after a collective returns, and
        # need Python to do it; if Python is already shutting down, the process aborts.
        time.sleep(0.25)


    if __name__ == "__main__":
        main()
    #> rank 0 (local rank 0) of world size 2
    #> each rank trains on 256 of the 512 samples per epoch
    #> epoch 0: mean loss 0.5474
    #> epoch 1: mean loss 0.3610
    #> epoch 2: mean loss 0.2973
    #> epoch 3: mean loss 0.2689
    #> epoch 4: mean loss 0.2465
    #> epoch 5: mean loss 0.2380
    #> training accuracy: 0.908
    #> all 2 ranks hold identical parameters: True
    # --8<-- [end:ddp_train]

# --8<-- [start:exercise_sampler_three_ranks]
from torch.utils.data import DistributedSampler

samples = list(range(10))

for drop_last in (False, True):
    print(f"drop_last={drop_last}")
    seen = []
    for rank in range(3):
        sampler = DistributedSampler(
            samples, num_replicas=3, rank=rank, shuffle=False, drop_last=drop_last
        )
        seen += list(sampler)
        print(f"  rank {rank} gets {list(sampler)}")
    print(f"  seen twice: {sorted({i for i in seen if seen.count(i) > 1})}")
    print(f"  never seen: {sorted(set(samples) - set(seen))}")
#> drop_last=False
#>   rank 0 gets [0, 3, 6, 9]
#>   rank 1 gets [1, 4, 7, 0]
#>   rank 2 gets [2, 5, 8, 1]
#>   seen twice: [0, 1]
#>   never seen: []
#> drop_last=True
#>   rank 0 gets [0, 3, 6]
#>   rank 1 gets [1, 4, 7]
#>   rank 2 gets [2, 5, 8]
#>   seen twice: []
#>   never seen: [9]
# --8<-- [end:exercise_sampler_three_ranks]

# --8<-- [start:exercise_gradient_averaging]
import torch
from sklearn.datasets import make_moons
from torch import nn

points, labels = make_moons(n_samples=64, noise=0.2, random_state=0)
x = torch.tensor(points, dtype=torch.float32)
y = torch.tensor(labels, dtype=torch.float32).unsqueeze(1)

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 1))
loss_fn = nn.BCEWithLogitsLoss()


def gradients(inputs, targets):
    model.zero_grad()
    loss_fn(model(inputs), targets).backward()
    return [parameter.grad.clone() for parameter in model.parameters()]


whole_batch = gradients(x, y)
rank0, rank1 = gradients(x[:32], y[:32]), gradients(x[32:], y[32:])
averaged = [(g0 + g1) / 2 for g0, g1 in zip(rank0, rank1, strict=True)]
print(all(torch.allclose(w, a, atol=1e-7) for w, a in zip(whole_batch, averaged, strict=True)))
#> True
# --8<-- [end:exercise_gradient_averaging]
