"""The words the build tool writes onto pages and notebooks, in each site language (the plots' own
words are in :mod:`tools.plot`: they shape a run's cached output, these do not).

Terms follow ``glossary.tsv`` (learning rate: 学習率 / taxa de aprendizado, ...).
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "alt_momentum": " In the middle, the momentum (β1) applied at each step.",
        "column_recipe": "Recipe",
        "column_changes": "What changes the learning rate",
        "column_when": "When it changes",
        "column_situation": "Your situation",
        "column_use": "Use",
        "column_why": "Why",
        "caption": "Learning rate the optimizer applied at every step (top) and the loss per epoch "
                   "(bottom), recorded while this site was built from `{path}`.",
        "alt": "Line chart of the learning rate per training step recorded from {path}: {curves}. "
               "Below it, training and validation loss per epoch.",
        "curve": "“{model}” goes from {first:.3g} at step {first_step} to {last:.3g} at step {last_step}",
        "provenance": "Run: TensorFlow {tensorflow} · Keras {keras} · {device} · seed {seed}",
        "no_seed": "no seed",
        "and": "; ",
        "notebook_intro": "This notebook is the page “{title}” of the LR Cookbook ({url}), with the outputs of "
                          "the run that built the site. Only what changes from run to run is left out: the times "
                          "Keras prints on each epoch's line and the memory addresses of objects.",
        "notebook_page_intro": "The page [{title}]({recipe}) as a notebook: after each code block comes what it "
                               "printed, warned, raised or drew when the build ran it. Only what changes from run "
                               "to run is left out: the times Keras prints on each epoch's line and the "
                               "memory addresses of objects.",
        "notebook_title": "{title}: the notebook",
        "download_notebook": "Download the notebook (.ipynb)",
        "download_script": "Download the script (.py)",
        "view_notebook": "See the notebook with its outputs",
        "figure_alt": "Figure {number} drawn by snippets/{name}.py during this run",
        "not_built": "This part of the page could not be built",
    },
    "ja": {
        "alt_momentum": "中段は、各ステップで使われたモメンタム（β1）。",
        "column_recipe": "レシピ",
        "column_changes": "学習率を変えるもの",
        "column_when": "変わるタイミング",
        "column_situation": "状況",
        "column_use": "使うレシピ",
        "column_why": "理由",
        "caption": "上はオプティマイザが各ステップで実際に使った学習率、下はエポックごとの損失です。"
                   "どちらも、このサイトのビルド時に `{path}` を実行して記録しました。",
        "alt": "{path} の実行で記録した、学習ステップごとの学習率の折れ線グラフ。{curves}。"
               "下段はエポックごとの訓練損失と検証損失。",
        "curve": "「{model}」はステップ {first_step} の {first:.3g} からステップ {last_step} の {last:.3g} まで推移",
        "provenance": "実行環境：TensorFlow {tensorflow}・Keras {keras}・{device}・シード {seed}",
        "no_seed": "シードなし",
        "and": "、",
        "notebook_intro": "このノートブックは LR Cookbook のページ「{title}」（{url}）に、サイトのビルド時に"
                          "実行した結果を出力として付けたものです。実行のたびに変わるもの（Keras が各エポックの行に表示する"
                          "所要時間と、オブジェクトのメモリ上のアドレス）だけは省いています。",
        "notebook_page_intro": "ページ「[{title}]({recipe})」をノートブックの形にしたものです。各コードブロックの後に、"
                               "サイトのビルド時にそのブロックを実行して得られた出力（表示、警告、例外、図）を載せています。"
                               "実行のたびに変わるもの（Keras が各エポックの行に表示する所要時間と、オブジェクトの"
                               "メモリ上のアドレス）だけは省いています。",
        "notebook_title": "ノートブック：{title}",
        "download_notebook": "ノートブックをダウンロード（.ipynb）",
        "download_script": "スクリプトをダウンロード（.py）",
        "view_notebook": "出力付きのノートブックを見る",
        "figure_alt": "この実行で snippets/{name}.py が描いた図 {number}",
        "not_built": "ページのこの部分を生成できませんでした",
    },
    "pt-BR": {
        "alt_momentum": " No meio, o momentum (β1) aplicado em cada passo.",
        "column_recipe": "Receita",
        "column_changes": "O que muda a taxa de aprendizado",
        "column_when": "Quando ela muda",
        "column_situation": "Sua situação",
        "column_use": "O que usar",
        "column_why": "Por quê",
        "caption": ("Taxa de aprendizado que o otimizador aplicou em cada passo (em cima) e perda por época "
                    "(embaixo), registradas ao executar `{path}` durante a geração deste site."),
        "alt": ("Gráfico de linhas da taxa de aprendizado em cada passo de treinamento, registrada ao executar "
                "{path}: {curves}. Abaixo, a perda de treinamento e a de validação por época."),
        "curve": "“{model}” vai de {first:.3g} no passo {first_step} a {last:.3g} no passo {last_step}",
        "provenance": "Execução: TensorFlow {tensorflow} · Keras {keras} · {device} · semente {seed}",
        "no_seed": "sem semente",
        "and": "; ",
        "notebook_intro": "Este notebook é a página “{title}” do LR Cookbook ({url}), com as saídas da execução "
                          "feita quando o site foi gerado. Só ficou de fora o que muda a cada execução: os tempos "
                          "que o Keras mostra na linha de cada época e os endereços de memória dos objetos.",
        "notebook_page_intro": ("A página [{title}]({recipe}) em forma de notebook: depois de cada bloco de código vem "
                               "o que ele imprimiu, os avisos e as exceções que emitiu e o que desenhou quando foi "
                               "executado na geração do site. Só ficou de fora o que muda a cada execução: os "
                               "tempos que o Keras mostra na linha de cada época e os endereços de memória dos "
                               "objetos."),
        "notebook_title": "{title}: o notebook",
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
