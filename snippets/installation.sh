# Shell commands for the Installation chapter (docs/installation.md).
# They are shown on the page, not run by the tests.

# --8<-- [start:check_python]
python --version
python -m pip --version
# --8<-- [end:check_python]

# --8<-- [start:virtual_environment]
python -m venv .venv
source .venv/bin/activate        # Windows: .venv\Scripts\activate
python -m pip install --upgrade pip
# --8<-- [end:virtual_environment]

# --8<-- [start:pip_install]
pip install torch
# --8<-- [end:pip_install]

# --8<-- [start:pip_install_cpu]
pip install torch --index-url https://download.pytorch.org/whl/cpu
# --8<-- [end:pip_install_cpu]

# --8<-- [start:conda_install]
conda create --name torch-basics python=3.12
conda activate torch-basics
conda install -c conda-forge pytorch
# --8<-- [end:conda_install]

# --8<-- [start:conda_install_require_cuda]
conda install -c conda-forge "pytorch=*=cuda*"
# --8<-- [end:conda_install_require_cuda]

# --8<-- [start:build_from_source]
git clone https://github.com/pytorch/pytorch
cd pytorch
git submodule sync
git submodule update --init --recursive
pip install -r requirements.txt
python -m pip install --no-build-isolation -v -e .
# --8<-- [end:build_from_source]

# --8<-- [start:which_python]
python -c "import sys, torch; print(sys.executable); print(torch.__file__)"
python -c "import torch; print(torch.version.cuda)"
nvidia-smi
# --8<-- [end:which_python]
