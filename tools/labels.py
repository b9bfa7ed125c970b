"""The words the build tool writes onto plots and pages, in each site language.

Terms follow ``glossary.tsv`` (learning rate: 学習率 / taxa de aprendizado, ...).
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "step": "training step",
        "learning_rate": "learning rate",
        "epoch_loss": "loss per epoch",
        "loss": "training loss",
        "val_loss": "validation loss",
        "caption": "Learning rate the optimizer applied at every step (top) and the loss per epoch "
                   "(bottom), recorded while this site was built from `{path}`.",
        "alt": "Line chart of the learning rate per training step recorded from {path}: {curves}. "
               "Below it, training and validation loss per epoch.",
        "curve": "“{model}” goes from {first:.3g} at step {first_step} to {last:.3g} at step {last_step}",
        "provenance": "Run: TensorFlow {tensorflow} · Keras {keras} · {device} · seed {seed}",
        "no_seed": "no seed",
        "and": "; ",
        "notebook_intro": "# {name}\n\nThis notebook is `snippets/{name}.py`, split at its sections and run "
                          "cell by cell when this site was built. The outputs below come from that run; "
                          "only the times Keras prints on each epoch's line are left out, since they change "
                          "from run to run.",
        "download_notebook": "Download the notebook (.ipynb)",
        "download_script": "Download the script (.py)",
        "view_notebook": "See the notebook with its outputs",
        "figure_alt": "Figure {number} drawn by snippets/{name}.py during this run",
        "not_built": "This part of the page could not be built",
    },
    "ja": {
        "step": "学習ステップ",
        "learning_rate": "学習率",
        "epoch_loss": "エポックごとの損失",
        "loss": "訓練損失",
        "val_loss": "検証損失",
        "caption": "オプティマイザが各ステップで実際に使った学習率（上）とエポックごとの損失（下）。"
                   "このサイトのビルド時に `{path}` を実行して記録したものです。",
        "alt": "{path} の実行で記録した、学習ステップごとの学習率の折れ線グラフ。{curves}。"
               "下段はエポックごとの訓練損失と検証損失。",
        "curve": "「{model}」はステップ {first_step} の {first:.3g} からステップ {last_step} の {last:.3g} まで",
        "provenance": "実行環境: TensorFlow {tensorflow} · Keras {keras} · {device} · シード {seed}",
        "no_seed": "シードなし",
        "and": "、",
        "notebook_intro": "# {name}\n\nこのノートブックは `snippets/{name}.py` をセクションごとのセルに分け、"
                          "このサイトのビルド時にセル単位で実行したものです。以下の出力はその実行結果です"
                          "（Keras がエポックごとの行に表示する所要時間だけは、実行のたびに変わるため省いています）。",
        "download_notebook": "ノートブックをダウンロード（.ipynb）",
        "download_script": "スクリプトをダウンロード（.py）",
        "view_notebook": "出力付きのノートブックを見る",
        "figure_alt": "この実行で snippets/{name}.py が描いた図 {number}",
        "not_built": "ページのこの部分を生成できませんでした",
    },
    "pt-BR": {
        "step": "passo de treinamento",
        "learning_rate": "taxa de aprendizado",
        "epoch_loss": "perda por época",
        "loss": "perda de treinamento",
        "val_loss": "perda de validação",
        "caption": "Taxa de aprendizado que o otimizador aplicou em cada passo (em cima) e a perda por "
                   "época (embaixo), registradas ao construir este site a partir de `{path}`.",
        "alt": "Gráfico de linha da taxa de aprendizado por passo de treinamento registrada ao executar "
               "{path}: {curves}. Abaixo, perda de treinamento e de validação por época.",
        "curve": "“{model}” vai de {first:.3g} no passo {first_step} a {last:.3g} no passo {last_step}",
        "provenance": "Execução: TensorFlow {tensorflow} · Keras {keras} · {device} · semente {seed}",
        "no_seed": "sem semente",
        "and": "; ",
        "notebook_intro": "# {name}\n\nEste notebook é o `snippets/{name}.py`, dividido nas suas seções e "
                          "executado célula a célula quando este site foi construído. As saídas abaixo vêm "
                          "dessa execução; só os tempos que o Keras mostra na linha de cada época foram omitidos, "
                          "porque mudam a cada execução.",
        "download_notebook": "Baixar o notebook (.ipynb)",
        "download_script": "Baixar o script (.py)",
        "view_notebook": "Ver o notebook com as saídas",
        "figure_alt": "Figura {number} desenhada por snippets/{name}.py nesta execução",
        "not_built": "Não foi possível gerar esta parte da página",
    },
}


def label(language: str, key: str) -> str:
    """The text for ``key`` in ``language``."""
    return LABELS[language][key]


def notebook_intro(snippet: str, language: str) -> str:
    """The first markdown cell of a snippet's notebook in ``language``."""
    return label(language, "notebook_intro").format(name=snippet)
